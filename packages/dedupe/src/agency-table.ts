/** Wire agency names by a one-byte number (0: none); a rare 255th name and beyond share 255. */
export class AgencyTable {
  private readonly names: string[] = ['']
  private readonly numbers = new Map<string, number>()

  /** The number of `name` (0 for none), assigned on first sight. */
  intern(name: string | undefined): number {
    if (name === undefined) return 0
    let n = this.numbers.get(name)
    if (n === undefined) {
      n = Math.min(this.names.length, 255)
      if (n < 255) this.names.push(name)
      this.numbers.set(name, n)
    }
    return n
  }

  /** The name of number `n`, undefined for none. */
  name(n: number): string | undefined {
    return n === 0 ? undefined : this.names[n]
  }
}
