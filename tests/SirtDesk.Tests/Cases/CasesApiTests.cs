using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cases;

public sealed class CasesApiTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Fact]
    public async Task An_unknown_sla_filter_is_a_problem_in_the_request_language_japanese_by_default()
    {
        await app.CreateStaffAsync("api-sla-unknown@example.com", "Coordinator", "psirt");
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("api-sla-unknown@example.com"));

        async Task<JsonElement> ProblemAsync(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases?sla=later");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            var response = await api.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var japanese = await ProblemAsync(null);
        Assert.Equal("リクエストに誤りがあります。", japanese.GetProperty("title").GetString());
        Assert.Equal("sla には due-soon か breached を指定してください。", japanese.GetProperty("errors").GetProperty("sla")[0].GetString());
        var english = await ProblemAsync("en");
        Assert.Equal("The request has errors.", english.GetProperty("title").GetString());
        Assert.Equal("sla must be due-soon or breached.", english.GetProperty("errors").GetProperty("sla")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/cases?sla=breached")).StatusCode);
    }
}
