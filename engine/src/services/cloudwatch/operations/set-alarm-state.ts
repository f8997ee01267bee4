import { defineOperation } from '../../../protocol/operation.ts';
import type { AlarmState } from '../alarm-evaluation.ts';
import type { CloudWatchService } from '../service.ts';
import { ALARM_STATE } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html */
export const setAlarmState = (cloudwatch: CloudWatchService) =>
  defineOperation({
    input: {
      AlarmName: { type: 'string', required: true },
      StateValue: { ...ALARM_STATE, required: true },
      StateReason: { type: 'string', required: true },
    },
    handle: async (i) => {
      await cloudwatch.setAlarmState(i.AlarmName, i.StateValue as AlarmState, i.StateReason);
      return {};
    },
  });
