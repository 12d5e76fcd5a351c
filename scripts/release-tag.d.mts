export class TagError extends Error {}
export function checkTaggable(cwd: string, tag: string): void;
export function createTag(cwd: string, tag: string, message: string): string;
export function changelogSection(text: string, version: string): string | undefined;
