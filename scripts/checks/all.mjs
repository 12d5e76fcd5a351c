// The offline platform checks, in the order `npm run checks` and `npm test` run them. A module of its
// own (run.mjs is the command line), so that tests can load the checks without running them.
import { apexParse } from './apexParse.mjs';
import { apexSemantics } from './apexSemantics.mjs';
import { lwcCompile } from './lwcCompile.mjs';
import { metadataFiles } from './metadataFiles.mjs';
import { metadataXml } from './metadataXml.mjs';
import { packageMembers, packageMembersCheck } from './packageMembers.mjs';
import { pmd } from './pmd.mjs';

export {
    apexParse,
    apexSemantics,
    lwcCompile,
    metadataFiles,
    metadataXml,
    packageMembers,
    packageMembersCheck,
    pmd
};

export const CHECKS = [apexParse, apexSemantics, pmd, metadataFiles, metadataXml, lwcCompile, packageMembers];
