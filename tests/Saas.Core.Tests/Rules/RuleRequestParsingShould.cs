using System.Text;
using Microsoft.AspNetCore.Http;
using Saas.Core.Rules;
using Saas.Rules.Definitions;

namespace Saas.Core.Tests.Rules;

/// <summary>How the rules API reads bodies and expected versions: JSON errors as field paths, never .NET type names.</summary>
public sealed class RuleRequestParsingShould
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DefaultHttpContext Request(string body)
    {
        var http = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        return http;
    }

    [Theory]
    [InlineData("""{"name":"R","colour":"red"}""", "colour", "Unknown member 'colour'.")]
    [InlineData("""{"name":"R","when":{"any":[{"field":"subject","feild":"x"}]}}""", "when.any[0].feild", "Unknown member 'feild'.")]
    [InlineData("""{"state":"enabled"}""", "name", "Required: name.")]
    [InlineData("""{"name":"R","when":{"all":[{"field":3}]}}""", "when.all[0].field", "This value has the wrong type or is not one of the allowed values.")]
    [InlineData("""{"name":"R","state":"sleeping"}""", "state", "This value has the wrong type or is not one of the allowed values.")]
    [InlineData("""{"name":"R",""", "$", "The JSON is malformed here.")]
    public async Task Key_a_json_error_by_its_path_in_plain_words(string body, string path, string message)
    {
        var (value, error) = await RuleEndpoints.ReadAsync<RuleDefinition>(Request(body), Ct);

        value.ShouldBeNull();
        var problem = error.ShouldBeOfType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>();
        problem.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        var errors = problem.ProblemDetails.ShouldBeOfType<HttpValidationProblemDetails>().Errors;
        errors.Keys.ShouldBe([path]);
        errors[path].ShouldBe([message]);
    }

    [Fact]
    public async Task Read_a_valid_rule()
    {
        var (value, error) = await RuleEndpoints.ReadAsync<RuleDefinition>(Request("""{"name":"R","actions":[{"type":"add_tags","tags":["a"]}],"stop_processing":true}"""), Ct);

        error.ShouldBeNull();
        value.ShouldNotBeNull().StopProcessing.ShouldBeTrue();
    }

    [Fact]
    public async Task Refuse_a_body_over_64_KB_even_without_a_content_length()
    {
        var http = Request("\"" + new string('a', RuleEndpoints.MaxBodyBytes) + "\"");
        http.Request.ContentLength = null;

        var (value, error) = await RuleEndpoints.ReadAsync<RuleDefinition>(http, Ct);

        value.ShouldBeNull();
        error.ShouldBeOfType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>().StatusCode.ShouldBe(StatusCodes.Status413PayloadTooLarge);
    }

    [Theory]
    [InlineData("\"3\"", null, 3)]
    [InlineData("W/\"12\"", null, 12)]
    [InlineData(null, "7", 7)]
    [InlineData("\"x\"", null, null)]
    [InlineData("*", null, null)]
    [InlineData(null, "-1", null)]
    [InlineData(null, null, null)]
    public void Take_the_expected_version_from_If_Match_or_the_query(string? ifMatch, string? query, int? expected)
    {
        var http = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            http.Request.Headers.IfMatch = ifMatch;
        }

        if (query is not null)
        {
            http.Request.QueryString = new QueryString("?expected_version=" + query);
        }

        RuleEndpoints.ExpectedVersion(http).ShouldBe(expected);
    }
}
