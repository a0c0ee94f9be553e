#ifndef PM_CORE_BANNED_H
#define PM_CORE_BANNED_H
/*
 * Functions pathmap does not use, turned into compile errors (after git's
 * banned.h; atoi/atof after curl's checksrc). Include this last, after every
 * system header. Use pm_buf_*, snprintf, pm_parse_i64/pm_parse_double,
 * gmtime_r/localtime_r instead.
 */
#define PM_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) PM_BANNED(strcpy)
#undef strcat
#define strcat(x, y) PM_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) PM_BANNED(strncpy)
#undef sprintf
#define sprintf(...) PM_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) PM_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) PM_BANNED(strtok)
#undef gmtime
#define gmtime(t) PM_BANNED(gmtime)
#undef localtime
#define localtime(t) PM_BANNED(localtime)
#undef atoi
#define atoi(s) PM_BANNED(atoi)
#undef atof
#define atof(s) PM_BANNED(atof)
#undef atol
#define atol(s) PM_BANNED(atol)

#endif
