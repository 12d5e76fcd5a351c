// The workbench imports the compiled root panel component by its LWC module name.
declare module 'c/softphone' {
    import type { LightningElement } from 'lwc';
    const Softphone: typeof LightningElement;
    export default Softphone;
}
