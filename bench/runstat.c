/*
 * runstat — runs a command and prints its wall time and CPU time (user +
 * system) in milliseconds and peak resident memory in KiB as
 * "ms=… cpu_ms=… maxrss_kib=… status=…", so the benchmark script needs
 * nothing beyond the tree. With RUNSTAT_OUT set, the line goes to that
 * file instead, and the command keeps standard error (its progress line
 * on a terminal).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;

	if (argc < 2) {
		fputs("usage: runstat COMMAND [ARGS...]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror("runstat: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runstat: wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		     (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	const char *path = getenv("RUNSTAT_OUT");
	FILE *out = path && *path ? fopen(path, "w") : stderr;
	if (!out) {
		perror(path);
		return 1;
	}
	fprintf(out, "ms=%.1f cpu_ms=%.1f maxrss_kib=%ld status=%d\n", ms, cpu,
		ru.ru_maxrss, code);
	if (out != stderr)
		fclose(out);
	return code;
}
