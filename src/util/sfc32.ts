// sfc32 (Chris Doty-Humphrey's Small Fast Counter): the one seeded generator behind the PBFT
// and skip-graph simulators and the fuzzer. Each seeds it its own way; the step is shared.
export class Sfc32 {
  constructor(private a: number, private b: number, private c: number, private d: number, warmup: number) {
    for (let i = 0; i < warmup; i++) this.u32()
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296
  }
}
