/*
 * A disk that fails reads, for tests: LD_PRELOAD=eio.so makes every read of a file whose path contains EIO_MATCH fail
 * with EIO (errno 5, "Input/output error") while the file named by EIO_WHEN exists. Opening, writing, renaming and
 * deleting work as ever, as on a disk with a bad sector under one file. Covers read, pread, readv and sendfile, the
 * calls the JDK reads files with; memory-mapped reads are not covered (Earshot does not map its cache files).
 * Built by the test that uses it: cc -shared -fPIC -O2 -o eio.so eio.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FD 65536
static volatile unsigned char marked[MAX_FD];

static int matches(const char *path) {
    const char *match = getenv("EIO_MATCH");
    return path != NULL && match != NULL && *match != '\0' && strstr(path, match) != NULL;
}

static int failing(int fd) {
    if (fd < 0 || fd >= MAX_FD || !marked[fd]) return 0;
    const char *when = getenv("EIO_WHEN");
    struct stat st;
    return when != NULL && stat(when, &st) == 0;
}

static int mark(int fd, const char *path) {
    if (fd >= 0 && fd < MAX_FD) marked[fd] = (unsigned char) matches(path);
    return fd;
}

#define NEXT(name) static __typeof__(name) *real = NULL; if (!real) real = (__typeof__(name) *) dlsym(RTLD_NEXT, #name)

int open(const char *path, int flags, ...) {
    NEXT(open);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    return mark(real(path, flags, mode), path);
}
int open64(const char *path, int flags, ...) {
    NEXT(open64);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    return mark(real(path, flags, mode), path);
}
int openat(int dir, const char *path, int flags, ...) {
    NEXT(openat);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    return mark(real(dir, path, flags, mode), path);
}
int openat64(int dir, const char *path, int flags, ...) {
    NEXT(openat64);
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }
    return mark(real(dir, path, flags, mode), path);
}
int close(int fd) {
    NEXT(close);
    if (fd >= 0 && fd < MAX_FD) marked[fd] = 0;
    return real(fd);
}
ssize_t read(int fd, void *buf, size_t n) {
    NEXT(read);
    if (failing(fd)) { errno = EIO; return -1; }
    return real(fd, buf, n);
}
ssize_t pread(int fd, void *buf, size_t n, off_t off) {
    NEXT(pread);
    if (failing(fd)) { errno = EIO; return -1; }
    return real(fd, buf, n, off);
}
ssize_t pread64(int fd, void *buf, size_t n, off_t off) {
    NEXT(pread64);
    if (failing(fd)) { errno = EIO; return -1; }
    return real(fd, buf, n, off);
}
ssize_t readv(int fd, const struct iovec *iov, int count) {
    NEXT(readv);
    if (failing(fd)) { errno = EIO; return -1; }
    return real(fd, iov, count);
}
ssize_t sendfile(int out, int in, off_t *off, size_t n) {
    NEXT(sendfile);
    if (failing(in)) { errno = EIO; return -1; }
    return real(out, in, off, n);
}
ssize_t sendfile64(int out, int in, off_t *off, size_t n) {
    NEXT(sendfile64);
    if (failing(in)) { errno = EIO; return -1; }
    return real(out, in, off, n);
}
