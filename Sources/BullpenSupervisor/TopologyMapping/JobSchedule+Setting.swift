import BullpenCore
import BullpenTopology

extension JobSchedule {
    /// The repeatable job a topology's `schedules:` entry describes.
    public init(setting: ScheduleSetting) {
        switch setting.trigger {
        case .cron(let expression, let timeZone):
            self.init(id: setting.id, cron: expression, timeZone: timeZone, jobName: setting.name, data: setting.data ?? "{}",
                      start: setting.start, end: setting.end, limit: setting.limit, catchUp: setting.catchUp)
        case .every(let interval):
            self.init(id: setting.id, every: interval, anchor: setting.start, jobName: setting.name, data: setting.data ?? "{}",
                      start: setting.start, end: setting.end, limit: setting.limit, catchUp: setting.catchUp)
        }
    }
}
