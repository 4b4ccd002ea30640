/**
 * How the language server process is started: what the VS Code client gives `fork` (client/src/client.ts)
 * and what the benchmarks spawn (bench/run.ts), so that the bench measures the process users run.
 *
 * Why. Every edit makes a new copy of the whole text (2.6 MB at 50,000 lines once it holds one typographic
 * apostrophe: UTF-16), which V8 keeps in its large-object space until a full collection; with V8's default
 * heuristics the old generation grows to several times the live heap before one happens, and the young
 * generation takes 32 MB of its own. Measured with the bench (bench/README.md), 50 edits:
 * - `--max-semi-space-size=4`: young generation 2 × 4 MB instead of 2 × 16 MB; the server's garbage per
 *   edit is short-lived, the scavenges stay cheap (−20 MB);
 * - `--heap-growing-percent=30`: the next full collection when the heap has grown by 30 % over what the
 *   last one kept, rather than by up to 4×; at 50k lines, one collection every few edits (about 80 ms of
 *   CPU each, mostly on V8's helper threads);
 * - `MALLOC_MMAP_THRESHOLD_=131072` (glibc): a fixed threshold, so that the large buffers of the protocol
 *   and of the compilers go back to the system when freed, rather than being kept by malloc's dynamic
 *   threshold (−15 MB). Other C libraries and systems ignore it.
 * Together: peak RSS 260–300 → 130 MB for the 50k-line programme, 170–185 → 115 MB at 10k with both
 * documents, for 5–20 ms more CPU per edit at 50k (2–3 ms at 10k). `--single-threaded-gc` saved some CPU
 * but its pauses doubled the 95th percentile of edit→diagnostics at 50k: left out.
 *
 * V8 flags are given on the command line only: some crash V8 when set at run time (`v8.setFlagsFromString`).
 * A runtime whose V8 does not know one of them refuses to start: the client then starts the server
 * without them (client.ts).
 */

/** Node/V8 options for the server process. */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=30'];

/** Environment added to the server process's. */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
