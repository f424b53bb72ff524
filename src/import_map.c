#include "import_map.h"

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "import_xml.h"
#include "util.h"

static struct import_map *current;
static struct sigaction bus_before;
static char *bus_message; /* written by on_bus: the file's name and why */
static size_t bus_len;

/* A page of the file past its end was read: the file was cut short while
 * mapped. A SIGBUS anywhere else is not ours: the default action. */
static void on_bus(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	const struct import_map *m = current;
	uintptr_t at = (uintptr_t)si->si_addr, from = (uintptr_t)m->bytes;
	if (at < from || at - from >= m->len) {
		signal(sig, SIG_DFL); /* the fault again, to the default */
		return;
	}
	ssize_t w = write(STDERR_FILENO, bus_message, bus_len);
	(void)w;
	_exit(5); /* a file could not be read (tumorboard(1)) */
}

/* What on_bus says of path: on a terminal the progress line cleared
 * first (progress.h). */
static void bus_say(const char *path)
{
	bus_message = xasprintf(
	    "%s%s: %s\n", isatty(STDERR_FILENO) ? "\r\033[K" : "", path,
	    _("the file was cut short while it was read; nothing of it, nor "
	      "of any file named after it, was imported"));
	bus_len = strlen(bus_message);
}

enum tb_status import_map_open(struct import_map *m, const char *path,
			       size_t max, struct diag *d)
{
	enum tb_status st;
	size_t size = 0;
	assert(!current); /* one mapping at a time */
	memset(m, 0, sizeof(*m));
	m->bytes = "";
	m->fd = import_xml_open(path, max, &size, &st, d);
	if (m->fd < 0)
		return st;
	if (size) {
		void *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, m->fd, 0);
		if (p == MAP_FAILED) { /* a file that cannot be mapped */
			close(m->fd);
			m->fd = -1;
			m->unmapped = true;
			return TB_IO;
		}
		m->bytes = p;
		m->len = size;
		m->lo = SIZE_MAX;
	}
	/* on_bus ends the program: what it has said so far goes out first
	 * (the files imported before this one) */
	fflush(stdout);
	current = m;
	bus_say(path);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &bus_before);
	return TB_OK;
}

enum import_map_since import_map_since(struct import_map *m, uint64_t hash)
{
	struct stat sb;
	if (current == m) {
		if (fstat(m->fd, &sb) != 0)
			return IMPORT_MAP_CHANGED;
		if ((unsigned long long)sb.st_size < m->len)
			return IMPORT_MAP_SHORTER;
		if ((unsigned long long)sb.st_size > m->len)
			return IMPORT_MAP_CHANGED;
	}
	return import_map_hash(m) == hash ? IMPORT_MAP_SAME
					  : IMPORT_MAP_CHANGED;
}

void import_map_read(const void *p, size_t n)
{
	struct import_map *m = current;
	const char *c = p;
	if (!m || !m->len || (uintptr_t)c < (uintptr_t)m->bytes ||
	    (uintptr_t)c - (uintptr_t)m->bytes >= m->len)
		return;
	/* a page read maps the block around it (the kernel's fault-around):
	 * what is counted is the blocks reached for the first time since the
	 * last one counted */
	size_t first = (size_t)(c - m->bytes) / IMPORT_MAP_BLOCK;
	size_t last =
	    (size_t)(c + (n ? n - 1 : 0) - m->bytes) / IMPORT_MAP_BLOCK;
	if (m->since && first == m->block)
		first++;
	if (last >= first)
		m->since += (last - first + 1) * IMPORT_MAP_BLOCK;
	m->block = last;
	if (m->lo > first)
		m->lo = first;
	if (m->hi < last + 1)
		m->hi = last + 1;
	if (m->since >= IMPORT_MAP_WINDOW) {
		/* the blocks between the first and the last read since */
		size_t from = m->lo * IMPORT_MAP_BLOCK;
		size_t to = m->hi * IMPORT_MAP_BLOCK;
		/* advice: pages it leaves mapped are only memory kept */
		(void)madvise((void *)(m->bytes + from),
			      (to < m->len ? to : m->len) - from,
			      MADV_DONTNEED);
		m->since = 0;
		m->lo = SIZE_MAX;
		m->hi = 0;
	}
}

uint64_t import_map_hash(struct import_map *m)
{
	const uint64_t prime = UTIL_HASH_PRIME;
	uint64_t h = UTIL_HASH_START ^ m->len;
	for (size_t i = 0; i < m->len;) {
		size_t from = i;
		size_t end = m->len - i > IMPORT_MAP_WINDOW
				 ? i + IMPORT_MAP_WINDOW
				 : m->len;
		for (; i + 8 <= end; i += 8) {
			uint64_t w;
			memcpy(&w, m->bytes + i, sizeof(w));
			h = (h ^ w) * prime;
		}
		for (; i < end; i++)
			h = (h ^ (unsigned char)m->bytes[i]) * prime;
		import_map_read(m->bytes + from, end - from);
	}
	return h;
}

/* buf checked in one pass, a window at a time (import_map_read; a window
 * ends before the character it would cut). */
bool import_map_text(const char *buf, size_t n, size_t *bad, const char **nul)
{
	*nul = NULL;
	for (size_t i = 0; i < n;) {
		size_t end =
		    n - i > IMPORT_MAP_WINDOW ? i + IMPORT_MAP_WINDOW : n;
		size_t cut = end; /* a character is at most 4 bytes */
		for (int back = 0; end < n && back < 3 &&
				   ((unsigned char)buf[end] & 0xc0) == 0x80;
		     back++)
			end--;
		if (end < n && ((unsigned char)buf[end] & 0xc0) == 0x80)
			end = cut; /* a run no character makes: bad anyway */
		if (!util_utf8_valid(buf + i, end - i, bad)) {
			*bad += i;
			return false;
		}
		if (!*nul)
			*nul = memchr(buf + i, '\0', end - i);
		import_map_read(buf + i, end - i);
		i = end;
	}
	return true;
}

void import_map_close(struct import_map *m)
{
	if (current != m)
		return;
	close(m->fd);
	sigaction(SIGBUS, &bus_before, NULL);
	free(bus_message);
	bus_message = NULL;
	if (m->len)
		munmap((void *)m->bytes, m->len);
	current = NULL;
	memset(m, 0, sizeof(*m));
	m->bytes = "";
}
