import { joinsAlert } from '../../../../workflows/monitoring/alert-grouping';
import type { AlertStatus } from '../../../../workflows/monitoring/alert-types';

const MIN = 60_000;
const T0 = Date.parse('2026-01-07T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const alert = (status: AlertStatus) => ({ status });
const admin = (minutes: number) => ({ when: at(minutes), emergencyAccount: false });
const breakGlass = (minutes: number) => ({ when: at(minutes), emergencyAccount: true });

describe('which alert a repeat finding joins', () => {
  const acked: AlertStatus = { state: 'acknowledged', by: 'Ivan', at: at(5) };

  it('a burst within the cooldown of the latest finding stays one alert, whatever people did with it', () => {
    expect(joinsAlert(alert(acked), T0, admin(29), 30 * MIN)).toBe(true);
    expect(joinsAlert(alert(acked), T0, breakGlass(30), 30 * MIN)).toBe(true);
    // A record that arrived late belongs with the alert it is older than.
    expect(joinsAlert(alert(acked), T0 + 60 * MIN, admin(-120), 30 * MIN)).toBe(true);
  });

  it('after the cooldown, an alert somebody handled makes way for a new one', () => {
    expect(joinsAlert(alert(acked), T0, admin(31), 30 * MIN)).toBe(false);
    expect(joinsAlert(alert({ state: 'incident-opened', by: 'Alice', at: at(1), incidentId: 'BG-1' }), T0, admin(31), 30 * MIN)).toBe(false);
  });

  it('an open alert nobody has looked at keeps collecting repeats, except for emergency accounts', () => {
    expect(joinsAlert(alert({ state: 'open' }), T0, admin(8 * 60), 30 * MIN)).toBe(true);
    expect(joinsAlert(alert({ state: 'open' }), T0, breakGlass(31), 30 * MIN)).toBe(false);
  });

  it('a false-positive mark silences the pattern until it runs out, then never again', () => {
    const fp: AlertStatus = { state: 'false-positive', by: 'Alice', at: at(0), reason: 'VPN', suppressedUntil: at(24 * 60) };
    expect(joinsAlert(alert(fp), T0, admin(23 * 60), 30 * MIN)).toBe(true);
    expect(joinsAlert(alert(fp), T0 + 24 * 60 * MIN, admin(24 * 60 + 1), 30 * MIN)).toBe(false);
    // Marks on emergency alerts carry no silence: the next use alerts, even within the cooldown.
    const fpEmergency: AlertStatus = { state: 'false-positive', by: 'Alice', at: at(0), reason: 'drill' };
    expect(joinsAlert(alert(fpEmergency), T0, breakGlass(5), 30 * MIN)).toBe(false);
  });
});
