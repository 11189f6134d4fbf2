/**
 * Preloaded (`node --import`) into every Node process of a test run, to record which paths the
 * run's code reached through `node:fs`: each path a call succeeded on (a path only looked for
 * is not recorded) is appended, as it is first reached, to a file of this process in
 * $FS_TRACE_DIR (at once, not at exit: test workers are ended by a signal). The clone test
 * reads those files to show that a clone reads nothing outside itself.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

const dir = process.env.FS_TRACE_DIR;
const seen = new Set<string>();
// The unwrapped functions, so that writing the trace is not traced.
const { openSync, writeSync, mkdirSync } = fs;
let out: number | undefined;

function record(file: string): void {
  if (!dir || seen.has(file)) return;
  seen.add(file);
  if (out === undefined) {
    mkdirSync(dir, { recursive: true });
    out = openSync(path.join(dir, `${process.pid}-${threadId}.txt`), 'a');
  }
  writeSync(out, `${file}\n`);
}

function note(target: unknown): void {
  if (typeof target === 'string') record(path.resolve(target));
  else if (target instanceof URL && target.protocol === 'file:') record(fileURLToPath(target));
  else if (Buffer.isBuffer(target)) record(path.resolve(target.toString()));
}

type AnyFunction = (...args: unknown[]) => unknown;
const SYNC = [
  'readFileSync',
  'openSync',
  'statSync',
  'lstatSync',
  'readdirSync',
  'accessSync',
  'realpathSync',
  'opendirSync',
  'copyFileSync',
  'cpSync',
  'readlinkSync',
];
const CALLBACK = [
  'readFile',
  'open',
  'stat',
  'lstat',
  'readdir',
  'access',
  'realpath',
  'opendir',
  'copyFile',
  'cp',
  'readlink',
];
const PROMISE = [
  'readFile',
  'open',
  'stat',
  'lstat',
  'readdir',
  'access',
  'realpath',
  'opendir',
  'copyFile',
  'cp',
  'readlink',
];

if (dir) {
  const api = fs as unknown as Record<string, AnyFunction>;
  // Properties of the originals (`realpathSync.native`) are kept on the wrappers.
  const wrap = (target: Record<string, AnyFunction>, name: string, wrapper: AnyFunction) =>
    (target[name] = Object.assign(wrapper, target[name]));
  for (const name of SYNC) {
    const original = api[name];
    wrap(api, name, function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      // statSync(path, { throwIfNoEntry: false }) answers a missing path with undefined.
      if (result !== undefined || !name.includes('stat')) note(args[0]);
      return result;
    });
  }
  const exists = fs.existsSync;
  fs.existsSync = (target) => {
    const found = exists(target);
    if (found) note(target);
    return found;
  };
  for (const name of CALLBACK) {
    const original = api[name];
    wrap(api, name, function (this: unknown, ...args: unknown[]) {
      const callback = args.at(-1);
      if (typeof callback === 'function')
        args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
          if (!error) note(args[0]);
          return (callback as AnyFunction)(error, ...rest);
        };
      return original.apply(this, args);
    });
  }
  const promises = fs.promises as unknown as Record<string, AnyFunction>;
  for (const name of PROMISE) {
    const original = promises[name];
    wrap(promises, name, async function (this: unknown, ...args: unknown[]) {
      const result = await original.apply(this, args);
      note(args[0]);
      return result;
    });
  }
  const createReadStream = fs.createReadStream;
  fs.createReadStream = ((target: fs.PathLike, options?: unknown) => {
    note(target);
    return createReadStream(target, options as never);
  }) as typeof fs.createReadStream;
  // `import { readFileSync } from 'node:fs'` sees the wrapped functions too.
  syncBuiltinESMExports();
}
