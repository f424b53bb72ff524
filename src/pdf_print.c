/*
 * A PDF to the printer: a temporary file for it and lp (pdf_temp_file,
 * pdf_lp; declared in pdf.h).
 */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "work.h"

extern char **environ;

char *pdf_temp_file(const char *stem, char *err, size_t errlen)
{
	const char *base = getenv("TMPDIR");
	char *tmp = xasprintf("%s/tumorboard-%s-XXXXXX.pdf",
			      base && *base ? base : "/tmp", stem);
	int fd = mkstemps(tmp, 4);
	if (fd < 0) {
		snprintf(err, errlen, _("no temporary file: %s"),
			 strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

enum tb_status pdf_lp(const char *file, const char *printer, const char *title,
		      const char *refused, char *err, size_t errlen)
{
	if (work_cancelled()) { /* the last moment a print can be taken back */
		snprintf(err, errlen,
			 _("cancelled; nothing was sent to the printer"));
		return TB_IO;
	}
	const char *argv[8];
	int n = 0;
	argv[n++] = "lp";
	if (printer && *printer) {
		argv[n++] = "-d";
		argv[n++] = printer;
	}
	argv[n++] = "-t";
	argv[n++] = title;
	argv[n++] = "--";
	argv[n++] = file;
	argv[n] = NULL;
	pid_t pid;
	/* lp must not draw on the terminal of the screen */
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	int rc =
	    posix_spawnp(&pid, "lp", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		snprintf(err, errlen,
			 _("the print service (lp) could not be started: %s"),
			 strerror(rc));
		return TB_IO;
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, _("lp: %s"), strerror(errno));
			return TB_IO;
		}
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		snprintf(err, errlen, "%s", refused);
		return TB_IO;
	}
	return TB_OK;
}
