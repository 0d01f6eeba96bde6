using Microsoft.AspNetCore.Mvc.Testing;

namespace InferCost.Web.Tests.Api;

/// <summary>One in-memory server (WebApplicationFactory) shared by the API tests of a class.</summary>
public sealed class WebFactory : WebApplicationFactory<Program>
{
}
