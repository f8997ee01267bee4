import { defineOperation } from '../../../protocol/operation.ts';
import type { CloudWatchService } from '../service.ts';
import { seconds } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html */
export const describeAlarmHistory = (cloudwatch: CloudWatchService) =>
  defineOperation({
    input: { AlarmName: { type: 'string' }, HistoryItemType: { type: 'string' } },
    handle: (i) => ({
      AlarmHistoryItems: cloudwatch
        .describeAlarmHistory(i.AlarmName)
        .filter((h) => !i.HistoryItemType || h.historyItemType === i.HistoryItemType)
        .map((h) => ({
          AlarmName: h.alarmName,
          AlarmType: 'MetricAlarm',
          Timestamp: seconds(h.timestamp),
          HistoryItemType: h.historyItemType,
          HistorySummary: h.historySummary,
        })),
    }),
  });
