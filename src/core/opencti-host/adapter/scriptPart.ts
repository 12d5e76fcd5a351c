// A part of the core in a static resource of its own, loaded by adding its script to the page the
// first time it is needed: one load at a time, and a load that failed (the network, a missing
// resource) is tried again at the next need.

export function scriptPart<T>(doc: Document, url: string, found: () => T | undefined): () => Promise<T> {
    let loading: Promise<T> | undefined;
    return () => {
        const ready = found();
        if (ready) return Promise.resolve(ready);
        loading ??= new Promise<T>((resolve, reject) => {
            const script = doc.createElement('script');
            script.src = url;
            script.async = true;
            script.onload = () => {
                const part = found();
                if (part) resolve(part);
                else reject(new Error(`${url} loaded but did not run`));
            };
            script.onerror = () => reject(new Error(`${url} did not load`));
            doc.head.append(script);
        }).catch((error: unknown) => {
            loading = undefined;
            throw error;
        });
        return loading;
    };
}
