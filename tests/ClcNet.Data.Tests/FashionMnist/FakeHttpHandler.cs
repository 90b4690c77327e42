using System.Net;

namespace ClcNet.Data.Tests.FashionMnist;

/// <summary>Serves fixed bytes per URL (404 for others) and records every request; no network involved.</summary>
internal sealed class FakeHttpHandler(IReadOnlyDictionary<string, byte[]> files) : HttpMessageHandler
{
    public List<string> Requests { get; } = [];

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        lock (Requests)
        {
            Requests.Add(url);
        }

        return files.TryGetValue(url, out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
