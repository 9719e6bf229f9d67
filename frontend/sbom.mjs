// Writes a CycloneDX 1.6 SBOM of the browser libraries the jar ships, from package-lock.json and the
// installed packages' own metadata. No time, host or random serial goes in, so the jar stays reproducible.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [, , out] = process.argv;
// Packages whose package.json names no licence, with the licence their own Readme states, per exact version.
const statedInReadme = { 'combine-errors@3.0.3': 'MIT' };
const here = dirname(new URL(import.meta.url).pathname);
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
const root = lock.packages[''];

const components = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== '' && !entry.dev)
  .map(([path, entry]) => {
    const name = path.replace(/^.*node_modules\//, '');
    const installed = JSON.parse(readFileSync(join(here, path, 'package.json'), 'utf8'));
    const licence = entry.license || installed.license || statedInReadme[`${name}@${entry.version}`];
    const [algorithm, digest] = entry.integrity.split('-');
    return {
      type: 'library',
      'bom-ref': `pkg:npm/${name}@${entry.version}`,
      name,
      version: entry.version,
      purl: `pkg:npm/${name}@${entry.version}`,
      // Only the direct dependencies' built files go into the jar; the rest is what npm resolves beneath
      // them (tus-js-client's browser build bundles its own copies), listed for the licence review.
      scope: Object.keys(root.dependencies).includes(name) ? 'required' : 'excluded',
      hashes: [{ alg: algorithm.toUpperCase().replace('SHA', 'SHA-'), content: Buffer.from(digest, 'base64').toString('hex') }],
      licenses: licence ? [{ expression: licence }] : [],
    };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

const bom = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  metadata: { component: { type: 'application', name: root.name, version: root.version } },
  components,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(bom, null, 2) + '\n');
