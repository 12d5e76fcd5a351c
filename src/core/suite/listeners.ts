// A typed set of event listeners, called in the order they were added. A listener that throws does
// not stop the others, nor the code that emitted: its exception goes to the error handler.
type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

/** Rethrows on a fresh task: reported as an uncaught error, like a failing DOM event listener. */
export function reportLater(error: unknown): void {
    setTimeout(() => {
        throw error;
    });
}

export class Listeners<Events extends EventMap<Events>> {
    readonly #byEvent = new Map<keyof Events, Set<(...args: never[]) => void>>();
    readonly #onError: (error: unknown) => void;

    constructor(onError: (error: unknown) => void = reportLater) {
        this.#onError = onError;
    }

    /** Adds a listener; the function returned removes it. */
    on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
        const set = this.#byEvent.get(event) ?? new Set();
        set.add(listener);
        this.#byEvent.set(event, set);
        return () => set.delete(listener);
    }

    emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
        for (const listener of this.#byEvent.get(event) ?? []) {
            try {
                (listener as (...values: unknown[]) => void)(...args);
            } catch (error) {
                this.#onError(error);
            }
        }
    }
}
