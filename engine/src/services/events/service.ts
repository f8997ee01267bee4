import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type AccountContext, arn } from '../../runtime/account.ts';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { mapOfObjects } from '../../runtime/state-file-error.ts';
import { eventsErrors } from './errors.ts';
import { buildEvent, type PutEventsEntry, type PutEventsResultEntry } from './event-entry.ts';
import { EventPatternError, matchesPattern, validatePattern } from './event-pattern.ts';
import type { Rule, RuleTarget, ScheduledEvent } from './model.ts';
import { nextFireTime, parseScheduleExpression } from './schedule-expression.ts';
import { deliverToTarget } from './target-delivery.ts';

export interface EventsServiceOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Invokes a Lambda target asynchronously, as EventBridge does, naming itself as the caller. */
  readonly invokeLambda: (
    functionArn: string,
    payload: string,
    caller: { principal: string; sourceArn: string },
  ) => Promise<void>;
  readonly onTargetError?: (rule: string, target: string, error: unknown) => void;
  /** Delivers an undeliverable event to a target's dead-letter queue with EventBridge's attributes. */
  readonly deadLetter?: (queueArn: string, body: string, attributes: Record<string, string>) => Promise<void>;
}

/**
 * EventBridge rules with schedules, fired on the engine's clock.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html
 */
export class EventsService {
  private readonly state: StateFile<Record<string, Rule>>;
  private readonly rules: Record<string, Rule>;
  private readonly timers = new Map<string, TimerHandle>();
  private started = false;

  constructor(private readonly options: EventsServiceOptions) {
    this.state = new StateFile(join(options.dataDir, 'rules.json'), () => ({}), mapOfObjects);
    // Keyed by name without a prototype: `constructor` and `__proto__` are valid rule names.
    this.rules = Object.assign(Object.create(null) as Record<string, Rule>, this.state.load());
  }

  /** Arms every enabled schedule; a fire that came due while the engine was down fires once now. */
  async start(): Promise<void> {
    this.started = true;
    const now = this.options.clock.now();
    for (const rule of Object.values(this.rules)) {
      if (rule.state === 'ENABLED' && rule.nextFireAt !== undefined && rule.nextFireAt <= now) {
        await this.fire(rule, rule.nextFireAt);
      }
      this.arm(rule);
    }
  }

  close(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    this.started = false;
  }

  putRule(input: {
    name: string;
    scheduleExpression?: string;
    eventPattern?: string;
    state?: 'ENABLED' | 'DISABLED';
    description?: string;
  }): Rule {
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(input.name)) {
      throw eventsErrors.validation(
        `Rule name ${JSON.stringify(input.name)} must be 1-64 characters of [.-_A-Za-z0-9]`,
      );
    }
    if (!input.scheduleExpression && !input.eventPattern) {
      throw eventsErrors.validation(
        `Rule ${input.name}: either ScheduleExpression or EventPattern is required`,
      );
    }
    if (input.scheduleExpression) parseScheduleExpression(input.scheduleExpression);
    if (input.eventPattern !== undefined) checkPattern(input.eventPattern);
    const existing = this.rules[input.name];
    const rule: Rule = {
      name: input.name,
      arn: arn(this.options.account, 'events', `rule/${input.name}`),
      state: input.state ?? 'ENABLED',
      targets: existing?.targets ?? [],
      anchor:
        existing && existing.scheduleExpression === input.scheduleExpression
          ? existing.anchor
          : this.options.clock.now(),
      ...(input.scheduleExpression ? { scheduleExpression: input.scheduleExpression } : {}),
      ...(input.eventPattern ? { eventPattern: input.eventPattern } : {}),
      ...(input.description ? { description: input.description } : {}),
    };
    this.rules[input.name] = rule;
    this.reschedule(rule);
    return rule;
  }

  deleteRule(name: string): void {
    const rule = this.requireRule(name);
    if (rule.targets.length > 0) {
      throw eventsErrors.validation(`Rule ${name} can't be deleted since it has targets.`);
    }
    this.timers.get(name)?.cancel();
    this.timers.delete(name);
    delete this.rules[name];
    this.save();
  }

  describeRule(name: string): Rule {
    return this.requireRule(name);
  }

  listRules(prefix = ''): Rule[] {
    return Object.values(this.rules).filter((rule) => rule.name.startsWith(prefix));
  }

  setState(name: string, state: 'ENABLED' | 'DISABLED'): void {
    const rule = this.requireRule(name);
    rule.state = state;
    this.reschedule(rule);
  }

  putTargets(name: string, targets: readonly RuleTarget[]): void {
    const rule = this.requireRule(name);
    for (const target of targets) {
      if (!target.arn.includes(':lambda:')) {
        throw eventsErrors.validation(
          `Target ${target.id} of rule ${name}: only Lambda function targets are supported locally (got ${target.arn})`,
        );
      }
    }
    const ids = new Set(targets.map((t) => t.id));
    rule.targets = [...rule.targets.filter((t) => !ids.has(t.id)), ...targets];
    this.save();
  }

  removeTargets(name: string, ids: readonly string[]): void {
    const rule = this.requireRule(name);
    rule.targets = rule.targets.filter((t) => !ids.includes(t.id));
    this.save();
  }

  /**
   * PutEvents on the default bus: each valid entry becomes an event delivered to the targets of
   * every enabled rule whose pattern matches it. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
   */
  async putEvents(entries: readonly PutEventsEntry[]): Promise<PutEventsResultEntry[]> {
    const results: PutEventsResultEntry[] = [];
    for (const entry of entries) {
      const built = buildEvent(entry, this.options.account, this.options.clock.now());
      if (!built.event) {
        results.push(built.failure);
        continue;
      }
      const event = built.event;
      results.push({ EventId: event.id });
      const matched = Object.values(this.rules).filter(
        (rule) =>
          rule.state === 'ENABLED' &&
          rule.eventPattern &&
          matchesPattern(JSON.parse(rule.eventPattern), event),
      );
      for (const rule of matched)
        for (const target of rule.targets)
          await deliverToTarget(this.options, rule, target, target.input ?? JSON.stringify(event));
    }
    return results;
  }

  /** Fires a rule now, outside its schedule (`tapstack trigger <rule>`); its schedule is unchanged. */
  async triggerRule(name: string): Promise<ScheduledEvent> {
    return this.deliver(this.requireRule(name), this.options.clock.now());
  }

  private reschedule(rule: Rule): void {
    const schedule = rule.scheduleExpression ? parseScheduleExpression(rule.scheduleExpression) : undefined;
    if (schedule && rule.state === 'ENABLED') {
      rule.nextFireAt = nextFireTime(schedule, this.options.clock.now(), rule.anchor);
    } else {
      delete rule.nextFireAt;
    }
    this.save();
    if (this.started) this.arm(rule);
  }

  private arm(rule: Rule): void {
    this.timers.get(rule.name)?.cancel();
    this.timers.delete(rule.name);
    if (rule.state !== 'ENABLED' || rule.nextFireAt === undefined) return;
    const due = rule.nextFireAt;
    this.timers.set(
      rule.name,
      this.options.clock.setTimer(
        () =>
          void guard(`EventBridge rule ${rule.name}`, () => this.fire(rule, due)).then(() => this.arm(rule)),
        due - this.options.clock.now(),
      ),
    );
  }

  private async fire(rule: Rule, due: number): Promise<void> {
    const schedule = rule.scheduleExpression ? parseScheduleExpression(rule.scheduleExpression) : undefined;
    // Advance and persist the schedule BEFORE delivering: a crash after this point loses at most
    // this one fire's delivery, which the Lambda async queue then owns; it never fires it twice.
    rule.lastFiredAt = due;
    if (schedule)
      rule.nextFireAt = nextFireTime(schedule, Math.max(due, this.options.clock.now()), rule.anchor);
    this.save();
    await this.deliver(rule, due);
  }

  private async deliver(rule: Rule, at: number): Promise<ScheduledEvent> {
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.options.account.accountId,
      time: new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      region: this.options.account.region,
      resources: [rule.arn],
      detail: {},
    };
    for (const target of rule.targets)
      await deliverToTarget(this.options, rule, target, target.input ?? JSON.stringify(event));
    return event;
  }

  private requireRule(name: string): Rule {
    const rule = this.rules[name];
    if (!rule) throw eventsErrors.ruleNotFound(name);
    return rule;
  }

  private save(): void {
    this.state.save(this.rules);
  }
}

/** PutRule's refusal of a pattern that does not parse or that EventBridge would not accept. */
function checkPattern(text: string): void {
  try {
    validatePattern(JSON.parse(text));
  } catch (error) {
    const reason =
      error instanceof EventPatternError || error instanceof SyntaxError ? error.message : String(error);
    throw eventsErrors.invalidEventPattern(reason);
  }
}
