#ifndef PM_CORE_ZIP_H
#define PM_CORE_ZIP_H
/*
 * Reading zip archives member by member without unpacking to disk (libzip).
 * BLS and NCES publish CSVs inside zips; a 700 MB QCEW singlefile is read as
 * a stream straight out of its archive. An archive held in memory (an xlsx
 * read out of another zip) is read the same way, with the same guards.
 *
 * Hostile archives: a member may not inflate past its declared size (or past
 * PM_ZIP_MAX_MEMBER), and a member whose declared size is more than
 * PM_ZIP_MAX_RATIO times its compressed size and larger than 64 MiB is
 * refused as a likely zip bomb. Names are only used for display and
 * matching, never as paths, so zip-slip names cannot escape anywhere.
 * libzip checks each member's CRC when it is read to the end, so a corrupt
 * member's bytes are delivered before the error: a read error must void
 * everything read from that member.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define PM_ZIP_MAX_MEMBER ((uint64_t)32 << 30) /* 32 GiB */
#define PM_ZIP_MAX_RATIO  2000

struct pm_zip;
struct pm_reader;

/* True when the file at PATH starts with a zip local-file signature. */
bool pm_is_zip_file(const char *path);

/* Returns a new archive handle; free with pm_zip_free(). */
enum pm_status pm_zip_open(struct pm_zip **out, const char *path, struct pm_err *err);

/*
 * Like pm_zip_open() on the N bytes at DATA (e.g. an xlsx read out of another
 * zip), which are borrowed until pm_zip_free(). NAME (copied) stands for the
 * archive in member reader names ("NAME:MEMBER") and messages. The same
 * size and ratio guards apply to its members. Fails with PM_EDATA when the
 * bytes are not a readable zip archive; ERR then holds libzip's reason alone
 * ("Not a zip archive"), for the caller to prefix with what the bytes are.
 * Zero bytes open as an archive with no members (libzip's way for a buffer;
 * an empty file is "Not a zip archive").
 */
enum pm_status pm_zip_open_mem(struct pm_zip **out, const void *data, size_t n, const char *name,
			       struct pm_err *err);

size_t pm_zip_count(const struct pm_zip *z);
/* Member I's name, valid until pm_zip_free(). */
const char *pm_zip_name(const struct pm_zip *z, size_t i);
/* Member I's declared uncompressed size. */
uint64_t pm_zip_size(const struct pm_zip *z, size_t i);
bool pm_zip_is_dir(const struct pm_zip *z, size_t i);

/*
 * Open member I for streaming. Returns a new reader named "ARCHIVE:MEMBER";
 * free it with pm_reader_free() before pm_zip_free().
 */
enum pm_status pm_zip_open_member(struct pm_zip *z, size_t i, struct pm_reader **out,
				  struct pm_err *err);

void pm_zip_free(struct pm_zip *z);

#endif
