/**
 * Which clients of the query core have a query under way (the pages' loading indication), and
 * who is told when their number changes. A released client never counts again: a query of its
 * still starting (waiting for its tables) would otherwise leave the page looking busy for good.
 */
export class PendingClients<Client extends object> {
  #pending = new Set<Client>();
  #released = new WeakSet<Client>();
  #listeners = new Set<(pending: number) => void>();

  get size(): number {
    return this.#pending.size;
  }

  set(client: Client, pending: boolean): void {
    const before = this.#pending.size;
    if (pending && this.#released.has(client)) return;
    if (pending) this.#pending.add(client);
    else this.#pending.delete(client);
    if (this.#pending.size !== before) for (const listener of this.#listeners) listener(this.#pending.size);
  }

  release(client: Client): void {
    this.#released.add(client);
    this.set(client, false);
  }

  listen(listener: (pending: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#listeners.clear();
    this.#pending.clear();
  }
}
