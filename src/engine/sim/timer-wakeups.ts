import type { Cpu } from '../arch/cpu';
import type { EventQueue } from './event-queue';

/**
 * Wakes CPUs for their clock comparator and CPU timer without polling: each CPU's timers say when
 * their earliest condition may have moved (`onDueChange`), and one event per CPU is kept on the
 * queue for that virtual time. The event only asks the CPU to look at its interruptions; a CPU in
 * an enabled wait becomes runnable then, and the Machine's run ends its slices at events.
 * A wake-up that turns out early (the comparator was moved later) re-arms for the new time.
 */
export function installTimerWakeups(events: EventQueue, cpus: readonly Cpu[]): void {
  /** Virtual time of each CPU's pending wake-up event, or Infinity. */
  const armed = cpus.map(() => Number.POSITIVE_INFINITY);
  const arm = (cpu: Cpu, i: number): void => {
    cpu.requestAttention();
    const due = cpu.timers.nextDueAfter(cpu.todNs());
    if (!Number.isFinite(due) || armed[i] <= due) return;
    armed[i] = due;
    events.schedule(due, `cpu ${i} timer`, () => {
      if (armed[i] !== due) return;
      armed[i] = Number.POSITIVE_INFINITY;
      cpu.requestAttention();
      arm(cpu, i);
    });
  };
  cpus.forEach((cpu, i) => {
    cpu.timers.onDueChange = () => arm(cpu, i);
    arm(cpu, i);
  });
}
