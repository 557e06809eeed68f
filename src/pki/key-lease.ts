import type { KeyPair, KeySource, RecyclingKeySource } from './keys';

const recycles = (source: KeySource): source is RecyclingKeySource =>
  typeof (source as Partial<RecyclingKeySource>).giveBack === 'function';

/**
 * The keys one lab holds, taken from a shared source. While the lab (or any fork of it, which
 * shares its certificates) is alive, no other taker gets them; when the last holder ends, they go
 * back to the source, so the next lab can use them instead of generating new ones. A key taken
 * after the end is kept out of circulation rather than given back late.
 */
export class KeyLease implements KeySource {
  private readonly held: KeyPair[] = [];
  private holders = 1;

  constructor(private readonly source: KeySource) {}

  async take(): Promise<KeyPair> {
    const key = await this.source.take();
    if (this.holders > 0) this.held.push(key);
    return key;
  }

  /** The keys taken so far and not yet given back. */
  get keys(): readonly KeyPair[] {
    return this.held;
  }

  /** Whether every holder has ended. */
  get ended(): boolean {
    return this.holders === 0;
  }

  /** One more holder (a fork of the lab): the keys stay out of circulation until it ends too. */
  share(): this {
    if (this.holders > 0) this.holders++;
    return this;
  }

  /** A holder ends; the last one gives the keys back (to a source that takes keys back). */
  end(): void {
    if (this.holders === 0 || --this.holders > 0) return;
    const keys = this.held.splice(0);
    if (recycles(this.source)) this.source.giveBack(keys);
  }
}
