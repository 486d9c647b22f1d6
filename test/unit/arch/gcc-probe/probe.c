typedef unsigned long u64;
typedef unsigned __int128 u128;
static u64 fib(u64 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static u64 mix(u64 a, u64 b) { u128 p = (u128)a * b; return (u64)(p >> 64) ^ (u64)p; }
u64 test(u64 seed) {
  unsigned char buf[300], buf2[300];
  for (int i = 0; i < 300; i++) buf[i] = (unsigned char)(seed * i);
  __builtin_memcpy(buf2, buf, 300);
  u64 h = 1469598103934665603UL;
  for (int i = 0; i < 300; i++) { h ^= buf2[i]; h *= 1099511628211UL; }
  h += fib(15);
  h ^= mix(h, seed * 7919);
  h += h / (seed | 1) + h % 1000003;
  long s = -(long)h; s /= 13;
  h ^= (u64)s;
  unsigned n = (unsigned)(seed & 0xff);
  __builtin_memcpy(buf, buf2 + 7, n);
  for (unsigned i = 0; i < n; i++) h += buf[i] * (i + 1);
  int c = __builtin_memcmp(buf, buf2 + 7, n);
  h += (u64)(c == 0);
  switch (seed % 5) { case 0: h += 11; break; case 1: h *= 3; break; case 2: h ^= 0xdead; break; case 3: h -= 99; break; default: h = ~h; }
  return h;
}
