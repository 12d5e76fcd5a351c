export function adapterUrl(instanceUrl: string, namespace?: string): string;
