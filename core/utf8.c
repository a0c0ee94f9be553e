/* UTF-8 validation and Windows-1252 conversion (see utf8.h). */
#include "core/utf8.h"

#include <stdint.h>

#include "core/buf.h"
#include "core/banned.h"

bool pm_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		uint32_t c = *p;
		size_t len, i;

		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, c &= 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, c &= 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, c &= 0x07;
		else
			return false;
		if ((size_t)(end - p) < len)
			return false;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10FFFF ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return false;
		p += len;
	}
	return true;
}

/* Code points of bytes 0x80-0x9F in Windows-1252 (0xFFFD where undefined). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

void pm_cp1252_to_utf8(struct pm_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		uint32_t c = b < 0x80 ? b : b < 0xA0 ? cp1252_high[b - 0x80] : b;
		char u[3];

		if (c < 0x80) {
			pm_buf_addch(out, (char)c);
		} else if (c < 0x800) {
			u[0] = (char)(0xC0 | (c >> 6));
			u[1] = (char)(0x80 | (c & 0x3F));
			pm_buf_add(out, u, 2);
		} else {
			u[0] = (char)(0xE0 | (c >> 12));
			u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
			u[2] = (char)(0x80 | (c & 0x3F));
			pm_buf_add(out, u, 3);
		}
	}
}
