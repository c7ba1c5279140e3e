import { runPosture } from '../../workflows/posture/run-posture';
import type { PostureReport } from '../../workflows/posture/posture-types';
import type { Config } from '../config/schema';
import type { GraphPort } from '../ports/graph-port';
import { postureContextFromConfig } from './context-from-config';
import { gatherPostureData } from './gather-posture-data';

/** The stage-1 posture report for the tenant behind `graph`, as of `now`. */
export async function checkPosture(graph: GraphPort, config: Config, now: number): Promise<PostureReport> {
  return runPosture(await gatherPostureData(graph, config, now), postureContextFromConfig(config, now));
}
