// The process that drives Clinic Doctor for one cell: collect (Doctor starts the load process and
// samples it), then visualize (the HTML page), then Doctor's own analysis for the diagnosis.
// Doctor can throw from inside its streams where no callback catches it; running it here, in
// a child of its own, means such a throw ends this process and never the harness.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { oneLine } from '../measure/failure.js';
import { toDiagnosis } from './diagnosis.js';
import { type DoctorReport, type DoctorRequest, doctorRequestSchema, loadResultSchema } from './protocol.js';

type Callback<T = void> = (error: Error | null, value: T) => void;
interface ClinicDoctor {
  collect(args: string[], callback: Callback<string>): void;
  visualize(dataDir: string, htmlFile: string, callback: (error: Error | null) => void): void;
}
type Readable = NodeJS.ReadableStream;

// @clinic/doctor is CommonJS without types; its analysis and decoders are modules of the same
// package, pinned in package.json, so reaching into them is reaching into one known version.
const doctorRequire = createRequire(createRequire(import.meta.url).resolve('@clinic/doctor'));
const ClinicDoctorClass = doctorRequire('./index.js') as new (settings: object) => ClinicDoctor;
const loadScript = fileURLToPath(new URL('./load.js', import.meta.url));

const request: DoctorRequest = doctorRequestSchema.parse(JSON.parse(process.argv[2] ?? 'null'));

async function diagnose(): Promise<DoctorReport> {
  const doctor = new ClinicDoctorClass({ dest: request.dataDir, sampleInterval: request.sampleIntervalMs });
  const dataDir = await new Promise<string>((resolve, reject) => {
    doctor.collect([process.execPath, loadScript, JSON.stringify(request.load)], (error, dir) => (error ? reject(error) : resolve(dir)));
  });
  if (!existsSync(request.load.resultFile)) {
    return { kind: 'failed', status: 'crashed', error: 'the load process under Doctor exited without a result' };
  }
  const load = loadResultSchema.parse(JSON.parse(readFileSync(request.load.resultFile, 'utf8')));
  if (!load.ok) return { kind: 'failed', status: load.status, error: load.error };
  await new Promise<void>((resolve, reject) => doctor.visualize(dataDir, request.htmlFile, (error) => (error ? reject(error) : resolve())));
  return { kind: 'diagnosed', diagnosis: toDiagnosis(await analyse(dataDir)), load };
}

/** Doctor's analysis on the collected data, decoded the way its `visualize` decodes it. */
function analyse(dataDir: string): Promise<unknown> {
  const pumpify = doctorRequire('pumpify') as { obj(...streams: unknown[]): Readable };
  const paths = (
    doctorRequire('@clinic/clinic-common') as { getLoggingPaths(tool: string): (options: object) => Record<string, string> }
  ).getLoggingPaths('doctor')({ path: dataDir });
  const decoder = (name: string, ...args: unknown[]): unknown =>
    new (doctorRequire(`./format/${name}.js`) as new (...a: unknown[]) => unknown)(...args);
  const systemInfo = pumpify.obj(createReadStream(paths['/systeminfo'] ?? ''), decoder('system-info-decoder'));
  const traceEvents = pumpify.obj(createReadStream(paths['/traceevent'] ?? ''), decoder('trace-event-decoder', systemInfo));
  const processStats = pumpify.obj(createReadStream(paths['/processstat'] ?? ''), decoder('process-stat-decoder'));
  const Analysis = doctorRequire('./analysis/index.js') as new (...readers: Readable[]) => Readable;
  return new Promise((resolve, reject) => {
    new Analysis(systemInfo, traceEvents, processStats).once('data', resolve).once('error', reject);
  });
}

const report: DoctorReport = await diagnose().catch((error: unknown) => ({
  kind: 'failed' as const,
  status: 'failed' as const,
  error: `Doctor: ${oneLine(error)}`,
}));
process.send?.(report, () => process.exit(0));
