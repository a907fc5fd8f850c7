/* A slow disk for the benchmark: every fsync and fdatasync of the process waits
 * CCHC_BENCH_FSYNC_MS milliseconds (default 20, an office hard drive's flush) before the real
 * call. Loaded with LD_PRELOAD by bench/slow_disk.py; SQLite's syncs and os.fsync alike. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void wait_for_disk(void) {
    const char *text = getenv("CCHC_BENCH_FSYNC_MS");
    long ms = text ? atol(text) : 20;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    wait_for_disk();
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    wait_for_disk();
    return real(fd);
}
