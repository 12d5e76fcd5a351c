// Ambient declarations for platform modules that have no published types.
declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}
