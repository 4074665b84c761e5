import XCTest
@testable import Plot

final class DateTicksTests: XCTestCase {
    func testUTCDateRoundTrip() {
        XCTAssertEqual(UTCDate.days(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(UTCDate.days(year: 2000, month: 3, day: 1), 11017)
        let d = UTCDate(secondsSinceEpoch: 1_700_000_000)   // 2023-11-14 22:13:20 UTC
        XCTAssertEqual([d.year, d.month, d.day, d.hour, d.minute], [2023, 11, 14, 22, 13])
        XCTAssertEqual(d.second, 20, accuracy: 1e-9)
        XCTAssertEqual(d.secondsSinceEpoch, 1_700_000_000, accuracy: 1e-6)
        XCTAssertEqual(UTCDate(secondsSinceEpoch: -86400).day, 31)
    }

    func testMonthTicksOverTwoYears() {
        let a = UTCDate(year: 2020, month: 1, day: 1).secondsSinceEpoch
        let b = UTCDate(year: 2021, month: 12, day: 31).secondsSinceEpoch
        let t = DateTicks.ticks(min: a, max: b, count: 6)
        XCTAssertEqual(t.map(\.label.text), ["2020-01", "2020-07", "2021-01", "2021-07"])
    }

    func testDayAndHourTicks() {
        let a = UTCDate(year: 2021, month: 3, day: 14, hour: 10).secondsSinceEpoch
        let days = DateTicks.ticks(min: a, max: a + 5 * 86400, count: 6)
        XCTAssertEqual(days.first?.label.text, "2021-03-15")
        XCTAssertEqual(days.count, 5)
        let hours = DateTicks.ticks(min: a, max: a + 12 * 3600, count: 6)
        XCTAssertEqual(hours.map(\.label.text), ["10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"])
        XCTAssertTrue(hours.allSatisfy { Int($0.value) % 3600 == 0 })
    }

    func testYearTicksOverCentury() {
        let a = UTCDate(year: 1903, month: 5, day: 1).secondsSinceEpoch
        let b = UTCDate(year: 2011, month: 1, day: 1).secondsSinceEpoch
        let t = DateTicks.ticks(min: a, max: b, count: 6)
        XCTAssertEqual(t.map(\.label.text), ["1920", "1940", "1960", "1980", "2000"])
    }
}
