/*
 * The stand-in for libFuzzer when the build has none (gcc, or clang
 * without --enable-fuzzing): runs the harness once for every file named
 * on the command line, and for every file in every directory named. A
 * name that does not exist is an error, and so is running nothing: a
 * replay that finds no input must not pass.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	bool err = ferror(f);
	fclose(f);
	if (err) {
		perror(path);
		strbuf_done(&sb);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)(sb.buf ? sb.buf : ""), sb.len);
	strbuf_done(&sb);
	return 1;
}

static int run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	DIR *dp = opendir(path);
	if (!dp) {
		perror(path);
		return -1;
	}
	int count = 0;
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", path, de->d_name);
		int r = run_path(p);
		free(p);
		if (r < 0) {
			count = -1;
			break;
		}
		count += r;
	}
	closedir(dp);
	return count;
}

int main(int argc, char **argv)
{
	int total = 0;
	for (int i = 1; i < argc; i++) {
		int r = run_path(argv[i]);
		if (r < 0)
			return 1;
		total += r;
	}
	printf("%s: replayed %d inputs\n", argv[0], total);
	return total > 0 ? 0 : 1;
}
