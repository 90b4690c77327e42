namespace ClcNet.Data.FashionMnist;

/// <summary>How far the download of one file has got; <see cref="TotalBytes"/> is null when the server does not say.</summary>
public readonly record struct DownloadProgress(string FileName, long BytesReceived, long? TotalBytes);
