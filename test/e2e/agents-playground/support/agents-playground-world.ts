import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unusedPort } from '../../../support/unused-port';
import { LoggedProcess } from './logged-process';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../../..');
const PLAYGROUND_CLI = join(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
/** The same files the README tells people to try the bot with. */
const SETUP = join(ROOT, 'manifests/agents-playground');

export interface AgentsPlaygroundWorld {
  /** The Agents Playground web client. */
  clientUrl: string;
  bot: LoggedProcess;
  playground: LoggedProcess;
  close(): Promise<void>;
}

/**
 * The bot as `npm start` runs it (its own process, embedded SQLite, simulated
 * tenant, Teams on with `teams.disableAuth` on 127.0.0.1) and Microsoft 365
 * Agents Playground in front of it, reading its `.m365agentsplayground.yml`
 * from its working directory. The playground sends no Bot Framework token,
 * hence `disableAuth`; its connector is plain http on loopback, hence the
 * allow-list in the config.
 */
export async function startAgentsPlaygroundWorld(): Promise<AgentsPlaygroundWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'breakglass-agents-playground-'));
  for (const file of ['.m365agentsplayground.yml', 'breakglass.config.yaml']) copyFileSync(join(SETUP, file), join(dir, file));
  const botAppId = (parse(readFileSync(join(SETUP, '.m365agentsplayground.yml'), 'utf8')) as { bot: { id: string } }).bot.id;
  const [botPort, clientPort] = [await unusedPort(), await unusedPort()];

  const env = { ...process.env };
  delete env.NODE_OPTIONS; // jest's flags are not for the children
  const bot = LoggedProcess.start('bot', process.execPath, ['-r', '@swc-node/register', 'app/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      BREAKGLASS_CONFIG: join(dir, 'breakglass.config.yaml'),
      BREAKGLASS_DB: join(dir, 'breakglass.db'),
      PORT: String(botPort),
      MICROSOFT_APP_ID: botAppId,
      LOG_LEVEL: 'info',
    },
  });
  const playground = LoggedProcess.start(
    'agents playground',
    process.execPath,
    [PLAYGROUND_CLI, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(clientPort), '--disable-telemetry'],
    // Its CLI exits when it cannot open a browser unless told there is none.
    { cwd: dir, env: { ...env, TEAMSAPPTESTER_BROWSER: 'none' } },
  );
  const close = async (): Promise<void> => {
    await Promise.all([playground.stop(), bot.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await bot.waitFor('breakglass is running');
    await playground.waitFor(`Listening on ${clientPort}`);
  } catch (e) {
    await close();
    throw e;
  }
  return { clientUrl: `http://127.0.0.1:${clientPort}`, bot, playground, close };
}
