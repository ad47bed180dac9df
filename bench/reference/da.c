/* The C reference of Nabij's deferred acceptance (src/domain/matching/deferred-acceptance.ts), for the matching bench:
 * the same algorithm on the same compact instance (.nbm), written tightly, so the JS engine has an honest yardstick.
 * Usage: da INSTANCE.nbm SEED OUT.bin [REPEATS] -> prints {"ms":[...],"proposals":N,"refills":N}; OUT gets the
 * assignment (int32 per unit, -1 = not placed). Build: cc -O2 -o da da.c */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 10
#define MULTI (1u << 15)

static int32_t M, U, E;
static const int32_t *capacity, *demand, *prefStart, *prefLocation;
static const double *prefPriority;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static uint32_t rng_a;
static uint32_t next_u32(void) {
  rng_a += 0x6d2b79f5u;
  uint32_t t = rng_a;
  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return t ^ (t >> 14);
}

/* State, allocated per run. */
static uint32_t *tie;
static uint16_t *mask, *fullMask, *openMask;
static int32_t *freeSeats, *heldStart, *heldCount, *heldUnit, *held, *nextWish, *stack, *rejUnit, *rejPref;
static uint16_t *heldMask;
static double *heldPrio;
static uint32_t *heldTie;
static int32_t top, rejections;

static inline int need(int32_t u, uint32_t m, int s) { return (m & MULTI) ? demand[(int64_t)u * SLOTS + s] : 1; }

static inline int fits_free(int32_t L, int32_t u, uint32_t m) {
  if (!(m & MULTI)) return (m & fullMask[L]) == 0;
  for (int s = 0; s < SLOTS; s++)
    if (demand[(int64_t)u * SLOTS + s] > freeSeats[L * SLOTS + s]) return 0;
  return 1;
}

static inline int never_fits(int32_t L, int32_t u, uint32_t m) {
  if (!(m & MULTI)) return (m & ~openMask[L] & 0x3ffu) != 0;
  for (int s = 0; s < SLOTS; s++)
    if (demand[(int64_t)u * SLOTS + s] > capacity[L * SLOTS + s]) return 1;
  return 0;
}

static inline void take(int32_t L, int32_t u, uint32_t m, int sign) {
  uint32_t full = fullMask[L];
  for (uint32_t b = m & 0x3ffu; b; b &= b - 1) {
    int s = __builtin_ctz(b);
    int f = (freeSeats[L * SLOTS + s] -= sign * need(u, m, s));
    if (f <= 0) full |= 1u << s;
    else full &= ~(1u << s);
  }
  fullMask[L] = (uint16_t)full;
}

static inline int before(double qp, uint32_t qt, int32_t qu, double pr, uint32_t t, int32_t u) {
  return qp < pr || (qp == pr && (qt < t || (qt == t && qu < u)));
}

/* Each location's held units are a heap in a fixed slot, the worst (priority, draw, unit) on top. */
static inline int worse_than(double qp, uint32_t qt, int32_t qu, double pr, uint32_t t, int32_t u) {
  return qp > pr || (qp == pr && (qt > t || (qt == t && qu > u)));
}

static int32_t push_unit(int32_t a, int32_t n, int32_t u, uint32_t m, double pr, uint32_t t) {
  int32_t i = a + n;
  while (i > a) {
    int32_t up = a + ((i - a - 1) >> 1);
    if (worse_than(heldPrio[up], heldTie[up], heldUnit[up], pr, t, u)) break;
    heldUnit[i] = heldUnit[up];
    heldMask[i] = heldMask[up];
    heldPrio[i] = heldPrio[up];
    heldTie[i] = heldTie[up];
    i = up;
  }
  heldUnit[i] = u;
  heldMask[i] = (uint16_t)m;
  heldPrio[i] = pr;
  heldTie[i] = t;
  return n + 1;
}

static int32_t pop_top(int32_t a, int32_t n) {
  int32_t last = a + n - 1;
  int32_t u = heldUnit[last];
  uint16_t m = heldMask[last];
  double pr = heldPrio[last];
  uint32_t t = heldTie[last];
  n--;
  int32_t i = a;
  for (;;) {
    int32_t child = a + 2 * (i - a) + 1;
    if (child >= a + n) break;
    int32_t r = child + 1;
    if (r < a + n && worse_than(heldPrio[r], heldTie[r], heldUnit[r], heldPrio[child], heldTie[child], heldUnit[child])) child = r;
    if (!worse_than(heldPrio[child], heldTie[child], heldUnit[child], pr, t, u)) break;
    heldUnit[i] = heldUnit[child];
    heldMask[i] = heldMask[child];
    heldPrio[i] = heldPrio[child];
    heldTie[i] = heldTie[child];
    i = child;
  }
  if (n > 0) {
    heldUnit[i] = u;
    heldMask[i] = m;
    heldPrio[i] = pr;
    heldTie[i] = t;
  }
  return n;
}

static void insert(int32_t L, int32_t u, uint32_t m, double pr) { heldCount[L] = push_unit(heldStart[L], heldCount[L], u, m, pr, tie[u]); }

static int32_t *popUnit;
static uint16_t *popMask;
static double *popPrio;
static uint32_t *popTie;

static void choose(int32_t L) {
  int32_t base = L * SLOTS, a = heldStart[L], n = heldCount[L];
  int32_t excess[SLOTS], sum[SLOTS];
  uint32_t over = 0;
  for (int s = 0; s < SLOTS; s++) {
    int f = freeSeats[base + s];
    if (f < 0) {
      over |= 1u << s;
      excess[s] = -f;
      sum[s] = 0;
    }
  }
  /* Pop the worst until the popped ones cover the excess; the last popped is the first the greedy turns down. */
  int32_t c = 0;
  uint32_t uncovered = over;
  while (uncovered) {
    int32_t w = heldUnit[a];
    uint32_t wm = heldMask[a];
    popUnit[c] = w;
    popMask[c] = (uint16_t)wm;
    popPrio[c] = heldPrio[a];
    popTie[c++] = heldTie[a];
    n = pop_top(a, n);
    for (uint32_t b = wm & over; b; b &= b - 1) {
      int s = __builtin_ctz(b);
      if ((sum[s] += need(w, wm, s)) >= excess[s]) uncovered &= ~(1u << s);
    }
  }
  int32_t j = c - 1;
  for (;;) {
    int32_t w = popUnit[j];
    uint32_t wm = popMask[j];
    for (uint32_t b = wm & over; b; b &= b - 1) {
      int s = __builtin_ctz(b);
      int d = need(w, wm, s);
      excess[s] -= d;
      sum[s] -= d;
      if (excess[s] <= 0) over &= ~(1u << s);
    }
    take(L, w, wm, -1);
    rejUnit[rejections] = w;
    rejPref[rejections++] = held[w];
    held[w] = -1;
    stack[top++] = w;
    popUnit[j] = -1;
    if (!over) break;
    for (j--;; j--) {
      int32_t v = popUnit[j];
      if (v < 0) continue;
      uint32_t vm = popMask[j];
      if (!(vm & over)) continue;
      int still = 1;
      for (uint32_t b = vm & over; b; b &= b - 1) {
        int s = __builtin_ctz(b);
        if (sum[s] - need(v, vm, s) < excess[s]) {
          still = 0;
          break;
        }
      }
      if (!still) break;
      for (uint32_t b = vm & over; b; b &= b - 1) {
        int s = __builtin_ctz(b);
        sum[s] -= need(v, vm, s);
      }
    }
  }
  for (int32_t x = 0; x < c; x++)
    if (popUnit[x] >= 0) n = push_unit(a, n, popUnit[x], popMask[x], popPrio[x], popTie[x]);
  heldCount[L] = n;
}

static inline int worse_at(int32_t x, int32_t y) { return worse_than(heldPrio[x], heldTie[x], heldUnit[x], heldPrio[y], heldTie[y], heldUnit[y]); }
static inline void swap_at(int32_t x, int32_t y) {
  int32_t u = heldUnit[x]; heldUnit[x] = heldUnit[y]; heldUnit[y] = u;
  uint16_t m = heldMask[x]; heldMask[x] = heldMask[y]; heldMask[y] = m;
  double p = heldPrio[x]; heldPrio[x] = heldPrio[y]; heldPrio[y] = p;
  uint32_t t = heldTie[x]; heldTie[x] = heldTie[y]; heldTie[y] = t;
}

/* Phase 2 only: take u out of L's heap, the last unit fills its place and moves to where it belongs. */
static void remove_unit(int32_t L, int32_t u) {
  int32_t a = heldStart[L], n = heldCount[L], i = a;
  while (heldUnit[i] != u) i++;
  int32_t last = a + n - 1;
  heldCount[L] = n - 1;
  if (i == last) return;
  heldUnit[i] = heldUnit[last];
  heldMask[i] = heldMask[last];
  heldPrio[i] = heldPrio[last];
  heldTie[i] = heldTie[last];
  int32_t k = i - a;
  for (int32_t x = i; x > a;) {
    int32_t up = a + ((x - a - 1) >> 1);
    if (!worse_at(x, up)) break;
    swap_at(x, up);
    x = up;
  }
  for (n = n - 1;;) {
    int32_t c = 2 * k + 1;
    if (c >= n) break;
    if (c + 1 < n && worse_at(a + c + 1, a + c)) c++;
    if (!worse_at(a + c, a + k)) break;
    swap_at(a + c, a + k);
    k = c;
  }
}

static const int32_t *poolPrefG, *poolUnitG;
static int cmp_entry(const void *x, const void *y) {
  int32_t kx = *(const int32_t *)x, ky = *(const int32_t *)y;
  double a = prefPriority[poolPrefG[kx]], b = prefPriority[poolPrefG[ky]];
  if (a != b) return a < b ? -1 : 1;
  uint32_t ta = tie[poolUnitG[kx]], tb = tie[poolUnitG[ky]];
  if (ta != tb) return ta < tb ? -1 : 1;
  return poolUnitG[kx] - poolUnitG[ky];
}

static int64_t proposals, refills;

static void run(uint32_t seed, int32_t *assignment) {
  rng_a = seed;
  for (int32_t u = 0; u < U; u++) tie[u] = next_u32();
  for (int32_t u = 0; u < U; u++) {
    uint32_t m = 0;
    for (int s = 0; s < SLOTS; s++) {
      int x = demand[(int64_t)u * SLOTS + s];
      if (x > 0) m |= 1u << s;
      if (x > 1) m |= MULTI;
    }
    mask[u] = (uint16_t)m;
  }
  memcpy(freeSeats, capacity, sizeof(int32_t) * M * SLOTS);
  int32_t *entriesAt = calloc(M, sizeof(int32_t));
  for (int32_t p = 0; p < E; p++) entriesAt[prefLocation[p]]++;
  heldStart[0] = 0;
  for (int32_t L = 0; L < M; L++) {
    int32_t seats = 0;
    uint32_t full = 0, open = 0;
    for (int s = 0; s < SLOTS; s++) {
      int c = capacity[L * SLOTS + s];
      seats += c;
      if (c <= 0) full |= 1u << s;
      else open |= 1u << s;
    }
    fullMask[L] = (uint16_t)full;
    openMask[L] = (uint16_t)open;
    int32_t bound = seats + 1 < entriesAt[L] ? seats + 1 : entriesAt[L];
    heldStart[L + 1] = heldStart[L] + bound;
    heldCount[L] = 0;
  }
  free(entriesAt);
  int32_t total = heldStart[M];
  int32_t longest = 1;
  for (int32_t L = 0; L < M; L++)
    if (heldStart[L + 1] - heldStart[L] > longest) longest = heldStart[L + 1] - heldStart[L];
  popUnit = malloc(sizeof(int32_t) * longest);
  popMask = malloc(sizeof(uint16_t) * longest);
  popPrio = malloc(sizeof(double) * longest);
  popTie = malloc(sizeof(uint32_t) * longest);
  heldUnit = malloc(sizeof(int32_t) * (total + 1));
  heldMask = malloc(sizeof(uint16_t) * (total + 1));
  heldPrio = malloc(sizeof(double) * (total + 1));
  heldTie = malloc(sizeof(uint32_t) * (total + 1));
  for (int32_t u = 0; u < U; u++) {
    held[u] = -1;
    nextWish[u] = 0;
  }
  top = 0;
  for (int32_t u = U - 1; u >= 0; u--) stack[top++] = u;
  rejections = 0;
  proposals = 0;
  while (top > 0) {
    int32_t u = stack[--top];
    int32_t end = prefStart[u + 1];
    uint32_t m = mask[u];
    int32_t p = prefStart[u] + nextWish[u];
    while (p < end && never_fits(prefLocation[p], u, m)) p++;
    nextWish[u] = p - prefStart[u] + 1;
    if (p >= end) continue;
    proposals++;
    int32_t L = prefLocation[p];
    int roomy = fits_free(L, u, m);
    insert(L, u, m, prefPriority[p]);
    take(L, u, m, 1);
    held[u] = p;
    if (!roomy) choose(L);
  }
  /* Phase 2. */
  int32_t *poolStart = calloc(M + 1, sizeof(int32_t));
  for (int32_t r = 0; r < rejections; r++) poolStart[prefLocation[rejPref[r]] + 1]++;
  for (int32_t L = 0; L < M; L++) poolStart[L + 1] += poolStart[L];
  int32_t *poolFill = malloc(sizeof(int32_t) * (M + 1));
  memcpy(poolFill, poolStart, sizeof(int32_t) * M);
  int32_t *poolPref = malloc(sizeof(int32_t) * (rejections + 1)), *poolUnit = malloc(sizeof(int32_t) * (rejections + 1));
  for (int32_t r = 0; r < rejections; r++) {
    int32_t L = prefLocation[rejPref[r]];
    int32_t k = poolFill[L]++;
    poolPref[k] = rejPref[r];
    poolUnit[k] = rejUnit[r];
  }
  poolPrefG = poolPref;
  poolUnitG = poolUnit;
  int32_t *queue = malloc(sizeof(int32_t) * M);
  uint8_t *queued = calloc(M, 1);
  int32_t qHead = 0, qLen = 0;
#define ENQUEUE(L_)                                                  \
  do {                                                               \
    int32_t l_ = (L_);                                               \
    if (!queued[l_] && poolStart[l_] != poolStart[l_ + 1]) {         \
      queued[l_] = 1;                                                \
      queue[(qHead + qLen++) % M] = l_;                              \
    }                                                                \
  } while (0)
  for (int32_t L = 0; L < M; L++) ENQUEUE(L);
  int32_t *cand = malloc(sizeof(int32_t) * (rejections + 1));
  refills = 0;
  while (qLen > 0) {
    int32_t L = queue[qHead];
    qHead = (qHead + 1) % M;
    qLen--;
    queued[L] = 0;
    int32_t nc = 0;
    for (int32_t k = poolStart[L]; k < poolStart[L + 1]; k++) {
      int32_t u = poolUnit[k], at = held[u];
      if (at >= 0 && at <= poolPref[k]) continue;
      if (fits_free(L, u, mask[u])) cand[nc++] = k;
    }
    if (nc == 0) continue;
    if (nc > 1) qsort(cand, nc, sizeof(int32_t), cmp_entry);
    for (int32_t c = 0; c < nc; c++) {
      int32_t k = cand[c], u = poolUnit[k];
      uint32_t m = mask[u];
      if (!fits_free(L, u, m)) continue;
      int32_t from = held[u];
      if (from >= 0) {
        int32_t F = prefLocation[from];
        remove_unit(F, u);
        take(F, u, m, -1);
        ENQUEUE(F);
      }
      insert(L, u, m, prefPriority[poolPref[k]]);
      take(L, u, m, 1);
      held[u] = poolPref[k];
      refills++;
    }
  }
  for (int32_t u = 0; u < U; u++) assignment[u] = held[u] >= 0 ? prefLocation[held[u]] : -1;
  free(poolStart);
  free(poolFill);
  free(poolPref);
  free(poolUnit);
  free(queue);
  free(queued);
  free(cand);
  free(heldUnit);
  free(heldMask);
  free(heldPrio);
  free(heldTie);
  free(popUnit);
  free(popMask);
  free(popPrio);
  free(popTie);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: da INSTANCE.nbm SEED OUT.bin [REPEATS]\n");
    return 1;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) return perror(argv[1]), 1;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *bytes = aligned_alloc(8, (size + 7) & ~7L);
  if (fread(bytes, 1, size, f) != (size_t)size) return perror("read"), 1;
  fclose(f);
  const uint32_t *h = (const uint32_t *)bytes;
  if (h[0] != 0x314d424eu) return fprintf(stderr, "not an .nbm file\n"), 1;
  M = h[1];
  U = h[2];
  E = h[3];
#define PAD(n) (((n) + 7) & ~(size_t)7)
  size_t at = PAD(32);
  capacity = (const int32_t *)(bytes + at);
  at += PAD((size_t)M * SLOTS * 4);
  demand = (const int32_t *)(bytes + at);
  at += PAD((size_t)U * SLOTS * 4);
  at += PAD((size_t)U * 4); /* children: not needed by DA */
  prefStart = (const int32_t *)(bytes + at);
  at += PAD((size_t)(U + 1) * 4);
  prefLocation = (const int32_t *)(bytes + at);
  at += PAD((size_t)E * 4);
  prefPriority = (const double *)(bytes + at);
  uint32_t seed = (uint32_t)strtoul(argv[2], 0, 10);
  int repeats = argc > 4 ? atoi(argv[4]) : 1;
  tie = malloc(sizeof(uint32_t) * U);
  mask = malloc(sizeof(uint16_t) * U);
  fullMask = malloc(sizeof(uint16_t) * M);
  openMask = malloc(sizeof(uint16_t) * M);
  freeSeats = malloc(sizeof(int32_t) * M * SLOTS);
  heldStart = malloc(sizeof(int32_t) * (M + 1));
  heldCount = malloc(sizeof(int32_t) * M);
  held = malloc(sizeof(int32_t) * U);
  nextWish = malloc(sizeof(int32_t) * U);
  stack = malloc(sizeof(int32_t) * U);
  rejUnit = malloc(sizeof(int32_t) * (E + 1));
  rejPref = malloc(sizeof(int32_t) * (E + 1));
  int32_t *assignment = malloc(sizeof(int32_t) * U);
  printf("{\"ms\":[");
  for (int r = 0; r < repeats; r++) {
    double t0 = now_ms();
    run(seed, assignment);
    printf("%s%.3f", r ? "," : "", now_ms() - t0);
  }
  printf("],\"proposals\":%lld,\"refills\":%lld}\n", (long long)proposals, (long long)refills);
  FILE *o = fopen(argv[3], "wb");
  if (!o) return perror(argv[3]), 1;
  fwrite(assignment, sizeof(int32_t), U, o);
  fclose(o);
  return 0;
}
