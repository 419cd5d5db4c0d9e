import BroadsheetCore
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesPlainDay() throws {
        let date = try CalendarDate.parse("2024-03-05").get()
        #expect(date.isoDay == "2024-03-05")
        #expect(date.time == nil)
    }

    @Test func keepsTheDayAsWrittenWhateverTheOffset() throws {
        let date = try CalendarDate.parse("2022-10-04T07:30:00+09:00").get()
        #expect(date.isoDay == "2022-10-04")
        #expect(date.time?.offsetMinutes == 540)
        #expect(date.rfc3339(fallbackOffsetMinutes: 0) == "2022-10-04T07:30:00+09:00")
    }

    @Test(arguments: ["2024-03-05T22:10:00-05:00", "2024-03-05T22:10:00Z", "2024-03-05 22:10:00+01:00",
                      "2024-03-05T22:10-05:00", "2024-03-05T22:10:00.250+0530"])
    func acceptsDateTimesWithOffsets(_ text: String) throws {
        #expect(try CalendarDate.parse(text).get().isoDay == "2024-03-05")
    }

    @Test func rejectsImpossibleDays() {
        #expect(CalendarDate.parse("2023-02-30") == .failure(.impossible("February 2023 has 28 days")))
        #expect(CalendarDate.parse("2023-13-01") == .failure(.impossible("there is no month 13")))
        #expect(CalendarDate.parse("2023-01-01T25:00:00Z") == .failure(.impossible("25:00:00 is not a time of day")))
    }

    @Test func acceptsLeapDayOnlyInLeapYears() {
        #expect((try? CalendarDate.parse("2024-02-29").get()) != nil)
        #expect((try? CalendarDate.parse("1900-02-29").get()) == nil)
        #expect((try? CalendarDate.parse("2000-02-29").get()) != nil)
    }

    @Test(arguments: ["04/10/2022", "2022-10-4", "yesterday", "2022-10-04T07:30:00", "2022-10-04T07:30:00+09:00x", ""])
    func rejectsUnknownFormats(_ text: String) {
        #expect(CalendarDate.parse(text) == .failure(.unknownFormat))
    }

    @Test func ordersByDayThenTime() throws {
        let early = try CalendarDate.parse("2024-03-05T06:00:00+09:00").get()
        let late = try CalendarDate.parse("2024-03-05T22:00:00-05:00").get()
        let plain = try CalendarDate.parse("2024-03-05").get()
        #expect(plain < early && early < late)
        #expect(late < (try CalendarDate.parse("2024-03-06").get()))
    }

    @Test func orderKeysOrderAsDatesDoAcrossDaysTimesAndCenturies() throws {
        let texts = [
            "1969-12-31", "1969-12-31T23:59:60Z", "1970-01-01", "1970-01-01T00:00:00Z", "1970-01-01T00:00:01Z",
            "0999-06-30T12:00:00+02:00", "2024-03-05T06:00:00+09:00", "2024-03-05T06:00:00-05:00", "2024-03-05",
            "2024-03-04T23:59:59Z",
        ]
        let dates = try texts.map { try CalendarDate.parse($0).get() }
        for left in dates {
            for right in dates {
                #expect((left < right) == (left.orderKey < right.orderKey), "\(left) and \(right)")
            }
        }
    }

    @Test func countsDaysAndWeekdays() throws {
        let date = try CalendarDate.parse("2025-01-14").get()
        #expect(date.weekday == 2)  // a Tuesday
        #expect(CalendarDate.fromDayNumber(date.dayNumber) == date)
        #expect(date.adding(days: 20).isoDay == "2025-02-03")
        #expect(CalendarDate.fromDayNumber(0).isoDay == "1970-01-01")
    }
}
