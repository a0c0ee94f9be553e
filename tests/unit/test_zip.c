/*
 * Unit tests for core/zip.h (zip members as streams) and core/reader.h
 * (byte sources and the fault-injection seam). The archives in
 * tests/data/core/ are made by tests/data/core/make_zips.py. Archives opened
 * from memory (pm_zip_open_mem) are the same files read into a buffer first,
 * checked by the same helpers as their file-backed twins.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/reader.h"
#include "core/sha256.h"
#include "core/zip.h"

#define DATA PM_TEST_DATA "/core/"

/* members.csv as written by make_zips.py. */
static void members_csv(struct pm_buf *b)
{
	int i;

	for (i = 1; i <= 40; i++)
		pm_buf_addf(b, "%d,row %d,%d.00\n", i, i, i * 7);
}

static struct pm_zip *open_zip(const char *name)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = NULL;

	cr_assert_eq(pm_zip_open(&z, name, &err), PM_OK, "%s", err.msg);
	cr_assert_not_null(z);
	return z;
}

static size_t find_member(struct pm_zip *z, const char *name)
{
	size_t i;

	for (i = 0; i < pm_zip_count(z); i++)
		if (!strcmp(pm_zip_name(z, i), name))
			return i;
	cr_assert_fail("member '%s' not found", name);
	return 0;
}

/* Read R to the end in STEP-byte reads into OUT; returns the failing status or PM_OK. */
static enum pm_status slurp(struct pm_reader *r, size_t step, struct pm_buf *out,
			    struct pm_err *err)
{
	char buf[4096];

	cr_assert_leq(step, sizeof buf);
	for (;;) {
		ssize_t got = pm_reader_read(r, buf, step, err);

		if (got < 0)
			return err->code;
		if (got == 0)
			return PM_OK;
		cr_assert_leq((size_t)got, step);
		pm_buf_add(out, buf, (size_t)got);
	}
}

/* Append the bytes of the file at PATH to BYTES. */
static void read_file(const char *path, struct pm_buf *bytes)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = NULL;

	cr_assert_eq(pm_reader_open_file(&r, path, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r, 4096, bytes, &err), PM_OK, "%s", err.msg);
	pm_reader_free(r);
}

/* Read the file PATH into BYTES and open it from there as NAME; BYTES must outlive it. */
static struct pm_zip *open_zip_mem(const char *path, const char *name, struct pm_buf *bytes)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = NULL;

	read_file(path, bytes);
	cr_assert_eq(pm_zip_open_mem(&z, bytes->buf, bytes->len, name, &err), PM_OK, "%s", err.msg);
	cr_assert_not_null(z);
	return z;
}

/* ---- zip: listing and streaming ---- */

Test(zip, is_zip_file)
{
	cr_assert(pm_is_zip_file(DATA "ok.zip"));
	cr_assert(pm_is_zip_file(DATA "truncated.zip"), "the signature is at the start");
	cr_assert_not(pm_is_zip_file(DATA "make_zips.py"));
	cr_assert_not(pm_is_zip_file(DATA "no-such-file.zip"));
	cr_assert_not(pm_is_zip_file(DATA), "a directory is not a zip");
}

Test(zip, lists_members)
{
	struct pm_zip *z = open_zip(DATA "ok.zip");
	size_t i;

	cr_assert_eq(pm_zip_count(z), 4);
	cr_assert_str_eq(pm_zip_name(z, 0), "members.csv");
	cr_assert_str_eq(pm_zip_name(z, 1), "notes.txt");
	cr_assert_str_eq(pm_zip_name(z, 2), "sub/");
	cr_assert_str_eq(pm_zip_name(z, 3), "../escape.csv");
	cr_assert_eq(pm_zip_size(z, 0), 647);
	cr_assert_eq(pm_zip_size(z, 1), 20);
	cr_assert_eq(pm_zip_size(z, 2), 0);
	cr_assert_not(pm_zip_is_dir(z, 0));
	cr_assert_not(pm_zip_is_dir(z, 1));
	cr_assert(pm_zip_is_dir(z, 2));
	cr_assert_not(pm_zip_is_dir(z, 3));
	for (i = 0; i < pm_zip_count(z); i++)
		cr_assert_not_null(pm_zip_name(z, i));
	pm_zip_free(z);
	pm_zip_free(NULL);
}

/* Stream members.csv of ok.zip (Z, whose readers are called WHERE) in STEP-byte reads. */
static void check_stream(struct pm_zip *z, const char *where, size_t step)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf want = PM_BUF_INIT, got = PM_BUF_INIT;
	struct pm_reader *r = NULL;

	members_csv(&want);
	cr_assert_eq(want.len, 647);
	cr_assert_eq(pm_zip_open_member(z, find_member(z, "members.csv"), &r, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_not_null(r);
	cr_assert_str_eq(r->name, where);
	cr_assert_eq(r->size, 647);
	cr_assert_eq(slurp(r, step, &got, &err), PM_OK, "step %zu: %s", step, err.msg);
	cr_assert_eq(got.len, want.len, "step %zu", step);
	cr_assert_eq(memcmp(got.buf, want.buf, want.len), 0, "step %zu: bytes differ", step);
	cr_assert_eq(r->nread, 647);
	/* End of member stays the end. */
	cr_assert_eq(pm_reader_read(r, got.buf, 1, &err), 0);
	pm_reader_free(r);
	pm_buf_release(&want);
	pm_buf_release(&got);
}

Test(zip, streams_deflated_member)
{
	struct pm_zip *z = open_zip(DATA "ok.zip");

	check_stream(z, DATA "ok.zip:members.csv", 4096);
	check_stream(z, DATA "ok.zip:members.csv", 1);
	check_stream(z, DATA "ok.zip:members.csv", 7);
	pm_zip_free(z);
}

Test(zip, streams_stored_member)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf got = PM_BUF_INIT;
	struct pm_zip *z = open_zip(DATA "ok.zip");
	struct pm_reader *r = NULL;

	cr_assert_eq(pm_zip_open_member(z, 1, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r, 4096, &got, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(got.buf, "pathmap zip fixture\n");
	pm_reader_free(r);
	pm_zip_free(z);
	pm_buf_release(&got);
}

Test(zip, zip_slip_name_is_only_a_name)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf got = PM_BUF_INIT;
	struct pm_zip *z = open_zip(DATA "ok.zip");
	struct pm_reader *r = NULL;

	cr_assert_eq(pm_zip_open_member(z, 3, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(r->name, DATA "ok.zip:../escape.csv");
	cr_assert_eq(slurp(r, 4096, &got, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(got.buf, "a,b\n1,2\n");
	pm_reader_free(r);
	pm_zip_free(z);
	pm_buf_release(&got);
}

Test(zip, member_through_csv_reader)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = open_zip(DATA "ok.zip");
	struct pm_reader *r = NULL;
	struct pm_csv *c = NULL;
	size_t rows = 0;
	bool eof;

	cr_assert_eq(pm_zip_open_member(z, 0, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_open(&c, r, NULL, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_csv_name(c), DATA "ok.zip:members.csv");
	for (;;) {
		char want[32];

		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		cr_assert_eq(pm_csv_nfields(c), 3);
		snprintf(want, sizeof want, "row %zu", rows);
		cr_assert_str_eq(pm_csv_field(c, 1, NULL), want);
		cr_assert_eq(pm_csv_line(c), rows);
	}
	cr_assert_eq(rows, 40);
	pm_csv_free(c); /* frees the member reader */
	pm_zip_free(z);
}

Test(zip, two_members_open_at_once)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT, want = PM_BUF_INIT;
	struct pm_zip *z = open_zip(DATA "ok.zip");
	struct pm_reader *r1 = NULL, *r2 = NULL;

	members_csv(&want);
	cr_assert_eq(pm_zip_open_member(z, 0, &r1, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_zip_open_member(z, 0, &r2, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r1, 100, &a, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r2, 33, &b, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(a.buf, want.buf);
	cr_assert_str_eq(b.buf, want.buf);
	pm_reader_free(r1);
	pm_reader_free(r2);
	pm_zip_free(z);
	pm_buf_release(&a);
	pm_buf_release(&b);
	pm_buf_release(&want);
}

/* ---- zip: bad archives ---- */

Test(zip, missing_file_is_io_error)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = (struct pm_zip *)1;

	cr_assert_eq(pm_zip_open(&z, DATA "no-such-file.zip", &err), PM_EIO);
	cr_assert_null(z);
	cr_assert_not_null(strstr(err.msg, "no-such-file.zip"), "%s", err.msg);
}

Test(zip, not_a_zip_is_data_error)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = (struct pm_zip *)1;

	cr_assert_eq(pm_zip_open(&z, DATA "make_zips.py", &err), PM_EDATA, "%s", err.msg);
	cr_assert_null(z);
	cr_assert_not_null(strstr(err.msg, "make_zips.py"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "zip"), "%s", err.msg);
}

Test(zip, truncated_archive_is_data_error)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = (struct pm_zip *)1;

	cr_assert_eq(pm_zip_open(&z, DATA "truncated.zip", &err), PM_EDATA, "%s", err.msg);
	cr_assert_null(z);
	cr_assert_not_null(strstr(err.msg, "truncated.zip"), "%s", err.msg);
}

/* crc.zip (Z): the damage to its member, called WHERE, shows when it is read to its end. */
static void check_crc(struct pm_zip *z, const char *where)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf got = PM_BUF_INIT;
	struct pm_reader *r = NULL;

	cr_assert_eq(pm_zip_count(z), 1);
	cr_assert_eq(pm_zip_open_member(z, 0, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r, 64, &got, &err), PM_EDATA, "a CRC mismatch must be an error");
	cr_assert_not_null(strstr(err.msg, where), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "CRC"), "%s", err.msg);
	pm_reader_free(r);
	pm_buf_release(&got);
}

Test(zip, crc_error_at_read_time)
{
	struct pm_zip *z = open_zip(DATA "crc.zip");

	check_crc(z, DATA "crc.zip:data.csv");
	pm_zip_free(z);
}

Test(zip, crc_error_through_csv)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = open_zip(DATA "crc.zip");
	struct pm_reader *r = NULL;
	struct pm_csv *c = NULL;
	enum pm_status rc;
	bool eof = false;

	cr_assert_eq(pm_zip_open_member(z, 0, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_open(&c, r, NULL, &err), PM_OK);
	while ((rc = pm_csv_next_row(c, &eof, &err)) == PM_OK && !eof)
		;
	cr_assert_eq(rc, PM_EDATA, "the CSV reader must pass the CRC error on");
	pm_csv_free(c);
	pm_zip_free(z);
}

Test(zip, corrupt_deflate_data_is_error)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf got = PM_BUF_INIT;
	struct pm_zip *z = open_zip(DATA "inflate.zip");
	struct pm_reader *r = NULL;
	enum pm_status rc;

	rc = pm_zip_open_member(z, 0, &r, &err);
	if (rc == PM_OK) {
		rc = slurp(r, 64, &got, &err);
		pm_reader_free(r);
	}
	cr_assert_eq(rc, PM_EDATA, "damaged compressed data must be an error");
	cr_assert_not_null(strstr(err.msg, "inflate.zip"), "%s", err.msg);
	pm_zip_free(z);
	pm_buf_release(&got);
}

/* bomb.zip (Z): its member, called WHERE, is refused before a byte is inflated. */
static void check_bomb(struct pm_zip *z, const char *where)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = (struct pm_reader *)1;

	cr_assert_eq(pm_zip_size(z, 0), (uint64_t)100 << 20);
	cr_assert_eq(pm_zip_open_member(z, 0, &r, &err), PM_EDATA);
	cr_assert_null(r);
	cr_assert_not_null(strstr(err.msg, "zip bomb"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, where), "%s", err.msg);
}

Test(zip, bomb_refused_by_ratio)
{
	/*
	 * bomb.zip's headers declare 100 MiB from 8 compressed bytes: larger
	 * than 64 MiB and a ratio far above PM_ZIP_MAX_RATIO. (An honest deflate
	 * stream cannot pass ~1032:1, so the declared size is patched in.)
	 */
	struct pm_zip *z = open_zip(DATA "bomb.zip");

	check_bomb(z, DATA "bomb.zip:bomb.csv");
	pm_zip_free(z);
}

/* liar.zip (Z) declares 10 bytes for a member, called WHERE, that inflates to 400. */
static void check_liar(struct pm_zip *z, const char *where)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf got = PM_BUF_INIT;
	struct pm_reader *r = NULL;

	cr_assert_eq(pm_zip_size(z, 0), 10);
	cr_assert_eq(pm_zip_open_member(z, 0, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r, 4096, &got, &err), PM_EDATA, "got %zu bytes", got.len);
	cr_assert_leq(got.len, 10, "no more than the declared size may be handed out");
	cr_assert_not_null(strstr(err.msg, where), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "declared size of 10 bytes"), "%s", err.msg);
	pm_reader_free(r);
	pm_buf_release(&got);
}

Test(zip, member_cannot_inflate_past_declared_size)
{
	struct pm_zip *z = open_zip(DATA "liar.zip");

	check_liar(z, DATA "liar.zip:liar.csv");
	pm_zip_free(z);
}

/* ---- zip: archives in memory ---- */

Test(zip, mem_lists_and_streams_members)
{
	struct pm_buf bytes = PM_BUF_INIT;
	struct pm_zip *f = open_zip(DATA "ok.zip");
	struct pm_zip *z = open_zip_mem(DATA "ok.zip", "inner.zip", &bytes);
	size_t i;

	cr_assert_eq(pm_zip_count(z), pm_zip_count(f));
	for (i = 0; i < pm_zip_count(z); i++) {
		cr_assert_str_eq(pm_zip_name(z, i), pm_zip_name(f, i));
		cr_assert_eq(pm_zip_size(z, i), pm_zip_size(f, i));
		cr_assert_eq(pm_zip_is_dir(z, i), pm_zip_is_dir(f, i));
	}
	check_stream(z, "inner.zip:members.csv", 4096);
	check_stream(z, "inner.zip:members.csv", 7);
	pm_zip_free(z);
	pm_zip_free(f);
	pm_buf_release(&bytes);
}

Test(zip, mem_members_open_at_once)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf bytes = PM_BUF_INIT, a = PM_BUF_INIT, b = PM_BUF_INIT;
	struct pm_zip *z = open_zip_mem(DATA "ok.zip", "inner.zip", &bytes);
	struct pm_reader *r1 = NULL, *r2 = NULL;

	cr_assert_eq(pm_zip_open_member(z, 0, &r1, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_zip_open_member(z, 1, &r2, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r2, 5, &b, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(slurp(r1, 100, &a, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(a.len, 647);
	cr_assert_str_eq(b.buf, "pathmap zip fixture\n");
	pm_reader_free(r1);
	pm_reader_free(r2);
	pm_zip_free(z);
	pm_buf_release(&bytes);
	pm_buf_release(&a);
	pm_buf_release(&b);
}

Test(zip, mem_not_a_zip_gives_libzip_reason)
{
	static const char junk[] = "<html><body>Access Denied</body></html>";
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = (struct pm_zip *)1;

	/* The bytes have no name of their own: the caller says what they are. */
	cr_assert_eq(pm_zip_open_mem(&z, junk, sizeof junk - 1, "page.zip", &err), PM_EDATA);
	cr_assert_null(z);
	cr_assert_str_eq(err.msg, "Not a zip archive");
	/* Unlike an empty file, which libzip refuses, no bytes are an archive with no members. */
	cr_assert_eq(pm_zip_open_mem(&z, NULL, 0, "empty.zip", &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_zip_count(z), 0);
	pm_zip_free(z);
	cr_assert_eq(pm_zip_open_mem(&z, junk, sizeof junk - 1, "page.zip", NULL), PM_EDATA,
		     "ERR may be NULL");
}

Test(zip, mem_truncated_archive_is_data_error)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf bytes = PM_BUF_INIT;
	struct pm_zip *z = (struct pm_zip *)1;

	read_file(DATA "truncated.zip", &bytes);
	cr_assert_eq(pm_zip_open_mem(&z, bytes.buf, bytes.len, "cut.zip", &err), PM_EDATA);
	cr_assert_null(z);
	pm_buf_release(&bytes);
}

Test(zip, mem_guards_as_for_files)
{
	static const struct {
		const char *file, *where;
		void (*check)(struct pm_zip *z, const char *where);
	} cases[] = {
		{ DATA "crc.zip", "inner.zip:data.csv", check_crc },
		{ DATA "bomb.zip", "inner.zip:bomb.csv", check_bomb },
		{ DATA "liar.zip", "inner.zip:liar.csv", check_liar },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pm_buf bytes = PM_BUF_INIT;
		struct pm_zip *z = open_zip_mem(cases[i].file, "inner.zip", &bytes);

		cases[i].check(z, cases[i].where);
		pm_zip_free(z);
		pm_buf_release(&bytes);
	}
}

/* ---- reader ---- */

Test(reader, mem_reads_in_pieces)
{
	static const char data[] = "0123456789abcdef";
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = pm_reader_new_mem(data, 16, "mem");
	char buf[16];

	cr_assert_str_eq(r->name, "mem");
	cr_assert_eq(r->size, 16);
	cr_assert_eq(pm_reader_read(r, buf, 5, &err), 5);
	cr_assert_eq(memcmp(buf, "01234", 5), 0);
	cr_assert_eq(r->nread, 5);
	cr_assert_eq(pm_reader_read(r, buf, 16, &err), 11);
	cr_assert_eq(memcmp(buf, "56789abcdef", 11), 0);
	cr_assert_eq(pm_reader_read(r, buf, 16, &err), 0);
	cr_assert_eq(r->nread, 16);
	pm_reader_free(r);
	pm_reader_free(NULL);
}

Test(reader, file_reads_and_sizes)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = NULL;
	struct pm_buf got = PM_BUF_INIT;

	cr_assert_eq(pm_reader_open_file(&r, DATA "ok.zip", &err), PM_OK, "%s", err.msg);
	cr_assert_eq(r->size, 656);
	cr_assert_eq(slurp(r, 100, &got, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(got.len, 656);
	cr_assert_eq(memcmp(got.buf, "PK\003\004", 4), 0);
	pm_reader_free(r);
	pm_buf_release(&got);
}

Test(reader, open_missing_and_directory)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = (struct pm_reader *)1;

	cr_assert_eq(pm_reader_open_file(&r, DATA "no-such-file", &err), PM_EIO);
	cr_assert_null(r);
	cr_assert_not_null(strstr(err.msg, "cannot open"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, strerror(ENOENT)), "%s", err.msg);
	r = (struct pm_reader *)1;
	cr_assert_eq(pm_reader_open_file(&r, PM_TEST_DATA, &err), PM_EIO);
	cr_assert_null(r);
	cr_assert_not_null(strstr(err.msg, "not a regular file"), "%s", err.msg);
}

Test(reader, hash_sees_every_byte)
{
	/* SHA-256("abc") through a reader read in 1-byte pieces. */
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = pm_reader_new_mem("abc", 3, "abc");
	struct pm_sha256 *h = pm_sha256_new();
	struct pm_buf got = PM_BUF_INIT;
	char hex[65];

	r->hash = h;
	cr_assert_eq(slurp(r, 1, &got, &err), PM_OK);
	pm_sha256_hex(h, hex);
	cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	pm_reader_free(r);
	pm_sha256_free(h);
	pm_buf_release(&got);
}

static void reset_fault(void)
{
	pm_reader_inject_fault(0, 0);
}

Test(reader, injected_fault_after_n_bytes, .fini = reset_fault)
{
	static const char data[] = "0123456789abcdefghij";
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = pm_reader_new_mem(data, 20, "faulty.csv");
	char buf[32];

	pm_reader_inject_fault(12, EIO);
	/* A read crossing the limit is cut short at it ... */
	cr_assert_eq(pm_reader_read(r, buf, 8, &err), 8);
	cr_assert_eq(pm_reader_read(r, buf, 8, &err), 4);
	cr_assert_eq(memcmp(buf, "89ab", 4), 0);
	cr_assert_eq(r->nread, 12);
	/* ... and the next one fails with the errno's message. */
	cr_assert_eq(pm_reader_read(r, buf, 8, &err), -1);
	cr_assert_eq(err.code, PM_EIO);
	cr_assert_str_eq(err.msg, "cannot read 'faulty.csv': Input/output error");
	cr_assert_eq(pm_reader_read(r, buf, 1, &err), -1, "the fault persists");
	pm_reader_free(r);

	pm_reader_inject_fault(0, 0);
	r = pm_reader_new_mem(data, 20, "fine.csv");
	cr_assert_eq(pm_reader_read(r, buf, 32, &err), 20, "fault off: reads are whole again");
	pm_reader_free(r);
}

Test(reader, injected_enospc_message, .fini = reset_fault)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_reader *r = pm_reader_new_mem("xyz", 3, "full");
	char buf[8];

	pm_reader_inject_fault(1, ENOSPC);
	cr_assert_eq(pm_reader_read(r, buf, 8, &err), 1);
	cr_assert_eq(pm_reader_read(r, buf, 8, &err), -1);
	cr_assert_eq(err.code, PM_EIO);
	cr_assert_not_null(strstr(err.msg, strerror(ENOSPC)), "%s", err.msg);
	pm_reader_inject_fault(0, 0);
	pm_reader_free(r);
}

Test(reader, injected_fault_in_zip_member_and_csv, .fini = reset_fault)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_zip *z = open_zip(DATA "ok.zip");
	struct pm_reader *r = NULL;
	struct pm_csv *c = NULL;
	enum pm_status rc;
	bool eof = false;

	cr_assert_eq(pm_zip_open_member(z, 0, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_open(&c, r, NULL, &err), PM_OK);
	pm_reader_inject_fault(100, EIO);
	while ((rc = pm_csv_next_row(c, &eof, &err)) == PM_OK && !eof)
		;
	pm_reader_inject_fault(0, 0);
	cr_assert_eq(rc, PM_EIO, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "ok.zip:members.csv"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "Input/output error"), "%s", err.msg);
	pm_csv_free(c);
	pm_zip_free(z);
}

Test(reader, alloc_gives_empty_reader)
{
	struct pm_reader *r = pm_reader_alloc("custom");

	cr_assert_str_eq(r->name, "custom");
	cr_assert_null(r->ctx);
	cr_assert_null(r->close);
	cr_assert_null(r->hash);
	cr_assert_null(r->progress);
	cr_assert_eq(r->nread, 0);
	cr_assert_eq(r->size, 0);
	pm_reader_free(r); /* no close callback: just the reader and its name */
}
