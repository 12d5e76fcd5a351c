// Who is who: email → primary extension and display name, from the configuration file's `directory`,
// reloaded when the file changes. A reload that does not parse keeps the directory in force.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseDirectory, readJson, type DirectoryEntry } from './config';
import { ContractError } from '../server/errors';

export interface DirectoryUser {
    email: string;
    displayName: string;
    primaryExtension: string;
}

export class Directory {
    private byEmail = new Map<string, DirectoryEntry>();

    constructor(entries: readonly DirectoryEntry[]) {
        this.replace(entries);
    }

    replace(entries: readonly DirectoryEntry[]): void {
        this.byEmail = new Map(entries.map((entry) => [entry.email.toLowerCase(), { ...entry }]));
    }

    /** Every extension someone in the directory answers on: what the bridge monitors. */
    extensions(): string[] {
        const extensions = new Set<string>();
        for (const entry of this.byEmail.values())
            if (entry.primaryExtension) extensions.add(entry.primaryExtension);
        return [...extensions].sort();
    }

    /** The entry of an email, whatever it says. */
    find(email: string): DirectoryEntry | undefined {
        return this.byEmail.get(email.trim().toLowerCase());
    }

    /** The user for a sign-in, or the contract's named error for why there is none. */
    signIn(email: string): DirectoryUser {
        const entry = this.find(email);
        if (!entry) throw new ContractError(404, 'user_not_found', 'No user has that email');
        if (entry.enabled === false) throw new ContractError(403, 'user_disabled', 'The user is disabled');
        if (!entry.primaryExtension)
            throw new ContractError(409, 'no_primary_extension', 'The user has no primary extension');
        return {
            email: entry.email,
            displayName: entry.displayName,
            primaryExtension: entry.primaryExtension
        };
    }

    /** Throws 403 `user_disabled` once the user may no longer use the API (taken out, or switched off). */
    check(email: string): void {
        if (!this.current(email))
            throw new ContractError(403, 'user_disabled', 'The user can no longer use the API');
    }

    /** The user as the directory says now, or undefined when they may no longer sign in. */
    current(email: string): DirectoryUser | undefined {
        try {
            return this.signIn(email);
        } catch {
            return undefined;
        }
    }
}

export interface DirectoryWatch {
    close(): void;
}

/**
 * Reloads the directory when the file changes, once the writes have settled. The directory of the
 * parent is watched, since editors replace a file rather than write into it.
 */
export function watchDirectory(
    file: string,
    directory: Directory,
    report: { reloaded(entries: number): void; rejected(error: Error): void },
    debounceMs = 250
): DirectoryWatch {
    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
        try {
            const entries = parseDirectory(readJson(file), file);
            directory.replace(entries);
            report.reloaded(entries.length);
        } catch (error) {
            report.rejected(error as Error);
        }
    };
    const watcher: FSWatcher = watch(dirname(file), (_event, name) => {
        if (name !== null && name !== basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(reload, debounceMs);
    });
    return {
        close() {
            clearTimeout(timer);
            watcher.close();
        }
    };
}
