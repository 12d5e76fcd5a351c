// The git tag of a version a release script built: refused on a tree with changes (the tag would not
// name what was built) and when the tag exists (a version is built once). Both release scripts
// (bridge:pack, package:release) check before they build, then tag after.
import { execFileSync } from 'node:child_process';

export class TagError extends Error {}

const git = (cwd, args) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Throws a TagError naming why `tag` cannot be made in the repository at `cwd`. */
export function checkTaggable(cwd, tag) {
    const changes = git(cwd, ['status', '--porcelain']).trim();
    if (changes)
        throw new TagError(
            `Refusing to tag ${tag}: the working tree has changes, so the tag would not name what was built:\n${changes
                .split('\n')
                .slice(0, 10)
                .map((line) => `  ${line}`)
                .join('\n')}\nCommit or stash them (or build without tagging).`
        );
    const existing = git(cwd, ['tag', '--list', tag]).trim();
    if (existing)
        throw new TagError(
            `Refusing to tag ${tag}: the tag exists (${git(cwd, ['rev-list', '-n', '1', tag]).trim().slice(0, 12)}). A version is built once: raise the version first.`
        );
}

/** Makes the annotated tag `tag` on HEAD, after checking again. */
export function createTag(cwd, tag, message) {
    checkTaggable(cwd, tag);
    git(cwd, ['tag', '-a', tag, '-m', message]);
    return git(cwd, ['rev-parse', '--short', 'HEAD']).trim();
}

/** The text of `## [version]` in a Keep a Changelog file, or undefined when it has none. */
export function changelogSection(text, version) {
    const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\][^\\n]*$`, 'm');
    const found = heading.exec(text);
    if (!found) return undefined;
    const rest = text.slice(found.index + found[0].length);
    const next = rest.search(/^## /m);
    return (next < 0 ? rest : rest.slice(0, next)).trim();
}
