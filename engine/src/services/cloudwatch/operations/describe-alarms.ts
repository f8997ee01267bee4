import { defineOperation } from '../../../protocol/operation.ts';
import type { AlarmState } from '../alarm-evaluation.ts';
import type { CloudWatchService } from '../service.ts';
import { alarmView } from './alarm-view.ts';
import { ALARM_STATE } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html */
export const describeAlarms = (cloudwatch: CloudWatchService) =>
  defineOperation({
    input: {
      AlarmNames: { type: 'list', member: { type: 'string' } },
      AlarmNamePrefix: { type: 'string' },
      StateValue: ALARM_STATE,
    },
    handle: (i) => ({
      MetricAlarms: cloudwatch
        .describeAlarms({
          ...(i.AlarmNames?.length ? { alarmNames: i.AlarmNames } : {}),
          ...(i.AlarmNamePrefix ? { prefix: i.AlarmNamePrefix } : {}),
          ...(i.StateValue ? { stateValue: i.StateValue as AlarmState } : {}),
        })
        .map(alarmView),
      CompositeAlarms: [],
    }),
  });
