// A typed set of event listeners, called in the order they were added.
type EventMap<Events> = { [E in keyof Events]: (...args: never[]) => void };

export class Listeners<Events extends EventMap<Events>> {
    private readonly byEvent = new Map<keyof Events, Set<(...args: never[]) => void>>();

    /** Adds a listener; the function returned removes it. */
    on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
        const set = this.byEvent.get(event) ?? new Set();
        set.add(listener);
        this.byEvent.set(event, set);
        return () => set.delete(listener);
    }

    emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
        for (const listener of this.byEvent.get(event) ?? [])
            (listener as (...values: unknown[]) => void)(...args);
    }
}
