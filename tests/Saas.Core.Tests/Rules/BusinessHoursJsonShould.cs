using Saas.Core.Rules;

namespace Saas.Core.Tests.Rules;

/// <summary>The stored form of business hours: validation by path, and a round trip through Parse and Format.</summary>
public sealed class BusinessHoursJsonShould
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("UTC", null)]
    [InlineData("Europe/Paris", """{"monday":[["09:00","12:00"],["13:00","17:30"]],"sunday":[]}""")]
    [InlineData("America/New_York", """{"Saturday":[["00:00","23:59"]]}""")]
    public void Accept_known_zones_and_well_formed_weeks(string? zone, string? week)
    {
        BusinessHoursJson.Validate(zone, week).ShouldBeEmpty();
        Should.NotThrow(() => BusinessHoursJson.Parse(zone, week));
    }

    [Theory]
    [InlineData("Mars/Olympus", null, "time_zone")]
    [InlineData(null, """{"monday":[["17:00","09:00"]]}""", "business_hours.monday[0]")]
    [InlineData(null, """{"monday":[["09:00","09:00"]]}""", "business_hours.monday[0]")]
    [InlineData(null, """{"monday":[["25:00","26:00"]]}""", "business_hours.monday[0]")]
    [InlineData(null, """{"monday":[[9,17]]}""", "business_hours.monday[0]")]
    [InlineData(null, """{"monday":[["09:00","12:00","13:00"]]}""", "business_hours.monday[0]")]
    [InlineData(null, """{"monday":"all day"}""", "business_hours.monday")]
    [InlineData(null, """{"someday":[]}""", "business_hours.someday")]
    [InlineData(null, """{"3":[]}""", "business_hours.3")]
    [InlineData(null, """[]""", "business_hours")]
    [InlineData(null, """not json""", "business_hours")]
    public void Name_the_path_of_each_problem(string? zone, string? week, string path)
    {
        var errors = BusinessHoursJson.Validate(zone, week);

        errors.Select(e => e.Path).ShouldBe([path]);
        errors.ShouldAllBe(e => e.Message.Length > 0);
    }

    [Fact]
    public void Format_a_parsed_week_monday_first_in_its_stored_form()
    {
        var hours = BusinessHoursJson.Parse("Europe/Paris", """{"sunday":[["10:00","12:00"]],"MONDAY":[["08:00","16:00"]]}""");

        BusinessHoursJson.Format(hours).ShouldBe("""{"monday":[["08:00","16:00"]],"sunday":[["10:00","12:00"]]}""");
        hours.TimeZone.Id.ShouldBe("Europe/Paris");
    }
}
