// For the scripts that take no options: `--help` prints what the script does and exits; any other
// argument is refused with the same text, before the script starts any work.
export function usageOrExit(usage, args = process.argv.slice(2)) {
    if (args.includes('--help') || args.includes('-h')) {
        console.log(usage);
        process.exit(0);
    }
    if (args.length > 0) {
        console.error(`Unknown argument ${args[0]}\n${usage}`);
        process.exit(1);
    }
}
