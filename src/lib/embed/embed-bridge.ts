/**
 * The embed's side of the postMessage API (protocol.ts): messages from the host page are taken
 * only from an allowed origin and in a shape this version knows; messages to the host are posted
 * once per allowed origin, so the browser delivers them only when the framing page is one of them.
 */
import { isAllowedOrigin, parseEmbedConfig, parseHostMessage, type EmbedConfig, type EmbedMessage, type HostMessage } from './protocol.ts';

export class EmbedBridge {
  #config: EmbedConfig = { allowedOrigins: [] };
  #target: Window | null;
  #onmessage: (message: HostMessage) => void;
  #listener = (event: MessageEvent) => this.#receive(event);
  /** Messages from the host window that were ignored (origin not allowed, or not a v1 message): for tests and debugging. */
  ignored = 0;
  onignored: (() => void) | null = null;

  constructor(onmessage: (message: HostMessage) => void, target: Window | null = window.parent === window ? null : window.parent) {
    this.#onmessage = onmessage;
    this.#target = target;
    window.addEventListener('message', this.#listener);
  }

  /** Loads config/embed.json; without it (or with no origin in it) the embed talks to nobody. */
  async configure(configUrl: string): Promise<void> {
    try {
      const response = await fetch(configUrl, { cache: 'no-cache' });
      if (!response.ok) return;
      const { config, errors } = parseEmbedConfig(await response.json());
      for (const e of errors) console.warn(`config/embed.json: ${e}`);
      this.#config = config;
    } catch (err) {
      console.warn('config/embed.json cannot be read, the embed talks to no host page:', err);
    }
  }

  post(message: EmbedMessage): void {
    if (!this.#target) return;
    for (const origin of this.#config.allowedOrigins) this.#target.postMessage(message, origin);
  }

  #receive(event: MessageEvent): void {
    if (!this.#target || event.source !== this.#target) return;
    const message = isAllowedOrigin(event.origin, this.#config) ? parseHostMessage(event.data) : null;
    if (message) return this.#onmessage(message);
    this.ignored++;
    this.onignored?.();
  }

  destroy(): void {
    window.removeEventListener('message', this.#listener);
  }
}
