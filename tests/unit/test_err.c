/* Unit tests for core/err.h: status codes, messages, exit codes. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/err.h"

static void fill(char *s, size_t n, char c)
{
	memset(s, c, n);
	s[n] = '\0';
}

Test(err, init_is_ok_and_empty)
{
	struct pm_err e = PM_ERR_INIT;

	cr_assert_eq(e.code, PM_OK);
	cr_assert_str_eq(e.msg, "");
}

Test(err, set_formats_and_returns_code)
{
	struct pm_err e = PM_ERR_INIT;
	enum pm_status rc;

	rc = pm_err_set(&e, PM_EIO, "cannot open '%s': %s", "qcew/2023.q1.csv",
			"No such file or directory");
	cr_assert_eq(rc, PM_EIO);
	cr_assert_eq(e.code, PM_EIO);
	cr_assert_str_eq(e.msg, "cannot open 'qcew/2023.q1.csv': No such file or directory");
}

Test(err, set_replaces_previous)
{
	struct pm_err e = PM_ERR_INIT;

	pm_err_set(&e, PM_EIO, "first %d", 1);
	pm_err_set(&e, PM_EDATA, "second");
	cr_assert_eq(e.code, PM_EDATA);
	cr_assert_str_eq(e.msg, "second");
}

Test(err, set_null_err_returns_code)
{
	cr_assert_eq(pm_err_set(NULL, PM_ENET, "x %s", "y"), PM_ENET);
	cr_assert_eq(pm_err_prefix(NULL, "ctx"), PM_OK);
	pm_err_clear(NULL);
}

Test(err, prefix_prepends_context)
{
	struct pm_err e = PM_ERR_INIT;
	enum pm_status rc;

	pm_err_set(&e, PM_EDATA, "bad field");
	rc = pm_err_prefix(&e, "importing '%s'", "a.csv");
	cr_assert_eq(rc, PM_EDATA);
	cr_assert_eq(e.code, PM_EDATA, "prefix must not change the code");
	cr_assert_str_eq(e.msg, "importing 'a.csv': bad field");
	pm_err_prefix(&e, "run %d", 3);
	cr_assert_str_eq(e.msg, "run 3: importing 'a.csv': bad field");
}

Test(err, prefix_on_empty_message)
{
	struct pm_err e = PM_ERR_INIT;

	cr_assert_eq(pm_err_prefix(&e, "ctx"), PM_OK);
	cr_assert_eq(e.code, PM_OK);
	cr_assert_eq(strncmp(e.msg, "ctx", 3), 0, "%s", e.msg);
}

Test(err, clear_resets)
{
	struct pm_err e = PM_ERR_INIT;

	pm_err_set(&e, PM_ESTORE, "disk full");
	pm_err_clear(&e);
	cr_assert_eq(e.code, PM_OK);
	cr_assert_str_eq(e.msg, "");
}

Test(err, long_message_is_truncated_safely)
{
	struct pm_err e = PM_ERR_INIT;
	char big[601];

	fill(big, 600, 'm');
	pm_err_set(&e, PM_EDATA, "%s", big);
	cr_assert_eq(e.code, PM_EDATA);
	cr_assert_eq(strlen(e.msg), PM_ERR_MSG_MAX - 1);
	cr_assert_eq(e.msg[0], 'm');
	cr_assert_eq(e.msg[PM_ERR_MSG_MAX - 2], 'm');
}

Test(err, prefix_on_long_message_is_truncated_safely)
{
	struct pm_err e = PM_ERR_INIT;
	char big[601];

	fill(big, 600, 'm');
	pm_err_set(&e, PM_EIO, "%s", big);
	cr_assert_eq(pm_err_prefix(&e, "ctx"), PM_EIO);
	cr_assert_eq(strlen(e.msg), PM_ERR_MSG_MAX - 1);
	cr_assert_eq(strncmp(e.msg, "ctx: mmm", 8), 0);
	cr_assert_eq(e.msg[PM_ERR_MSG_MAX - 2], 'm');
}

Test(err, long_prefix_is_truncated_safely)
{
	struct pm_err e = PM_ERR_INIT;
	char big[601];

	fill(big, 600, 'p');
	pm_err_set(&e, PM_ENET, "failure");
	cr_assert_eq(pm_err_prefix(&e, "%s", big), PM_ENET);
	cr_assert_eq(strlen(e.msg), PM_ERR_MSG_MAX - 1);
	cr_assert_eq(e.msg[0], 'p');
	cr_assert_eq(e.msg[PM_ERR_MSG_MAX - 2], 'p');
}

Test(err, prefix_exactly_fills_buffer)
{
	struct pm_err e = PM_ERR_INIT;
	char pre[PM_ERR_MSG_MAX];

	/* "prefix: " is exactly 511 characters: nothing of the old message fits. */
	fill(pre, PM_ERR_MSG_MAX - 3, 'x');
	pm_err_set(&e, PM_EDATA, "old");
	pm_err_prefix(&e, "%s", pre);
	cr_assert_eq(strlen(e.msg), PM_ERR_MSG_MAX - 1);
	cr_assert_eq(e.msg[PM_ERR_MSG_MAX - 3], ':');
	cr_assert_eq(e.msg[PM_ERR_MSG_MAX - 2], ' ');
}

/* The mapping documented in core/err.h and docs/cli.md. */
Test(err, exit_codes_match_documentation)
{
	cr_assert_eq(pm_status_exit_code(PM_OK), 0);
	cr_assert_eq(pm_status_exit_code(PM_EUSAGE), 1);
	cr_assert_eq(pm_status_exit_code(PM_EDATA), 2);
	cr_assert_eq(pm_status_exit_code(PM_EIO), 2);
	cr_assert_eq(pm_status_exit_code(PM_ENET), 3);
	cr_assert_eq(pm_status_exit_code(PM_ESTORE), 4);
	cr_assert_eq(pm_status_exit_code(PM_EPARTIAL), 5);
	cr_assert_eq(pm_status_exit_code(PM_ENOTFOUND), 6);
	cr_assert_eq(pm_status_exit_code(PM_ELOCKED), 7);
}

Test(err, status_names_are_distinct)
{
	static const enum pm_status all[] = { PM_OK,     PM_EUSAGE,   PM_EDATA,
					      PM_EIO,    PM_ENET,     PM_ESTORE,
					      PM_EPARTIAL, PM_ENOTFOUND, PM_ELOCKED };
	size_t i, j, n = sizeof all / sizeof all[0];

	cr_assert_str_eq(pm_status_name(PM_OK), "ok");
	cr_assert_str_eq(pm_status_name(PM_EDATA), "bad input data");
	for (i = 0; i < n; i++) {
		const char *a = pm_status_name(all[i]);

		cr_assert_not_null(a);
		cr_assert_gt(strlen(a), 0);
		cr_assert_str_neq(a, "unknown", "status %d has no name", (int)all[i]);
		for (j = i + 1; j < n; j++)
			cr_assert_str_neq(a, pm_status_name(all[j]));
	}
}
