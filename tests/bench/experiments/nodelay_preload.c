/* An experiment, not part of the product: an LD_PRELOAD shim that turns on TCP_NODELAY for every connection the
 * process accepts, i.e. what crewline-server would do itself by setting QAbstractSocket::LowDelayOption on its
 * sockets (or TCP_NODELAY on the listening socket, which Linux copies to accepted ones). scripts/bench.sh
 * --experiment-nodelay builds it and runs the benchmarks with it on the server only (CREWLINE_BENCH_SERVER_PRELOAD),
 * to show what Nagle's algorithm plus delayed ACKs cost: docs/performance.md, "before/after".
 *
 *   cc -shared -fPIC -O2 -o libnodelay.so nodelay_preload.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void nodelay(int fd)
{
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int accept(int s, struct sockaddr *a, socklen_t *l)
{
    static int (*real)(int, struct sockaddr *, socklen_t *);
    if (!real)
        real = (int (*)(int, struct sockaddr *, socklen_t *))dlsym(RTLD_NEXT, "accept");
    int fd = real(s, a, l);
    nodelay(fd);
    return fd;
}

int accept4(int s, struct sockaddr *a, socklen_t *l, int flags)
{
    static int (*real)(int, struct sockaddr *, socklen_t *, int);
    if (!real)
        real = (int (*)(int, struct sockaddr *, socklen_t *, int))dlsym(RTLD_NEXT, "accept4");
    int fd = real(s, a, l, flags);
    nodelay(fd);
    return fd;
}
