// A set of strings that holds at most `capacity` entries: adding to a full set evicts the oldest
// (first added). For caches of checks already done (a miss only costs doing the check again),
// so that a long-running node's memory does not grow with the traffic it has seen.

export class BoundedSet {
  private readonly entries = new Set<string>()

  constructor (readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer')
  }

  get size (): number { return this.entries.size }

  has (key: string): boolean { return this.entries.has(key) }

  add (key: string): void {
    if (this.entries.has(key)) return
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.values().next().value!)
    this.entries.add(key)
  }
}
