using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// Checks the payload of an optimiser-state file, TorchSharp's SGD state format, against the optimiser it is to be
/// loaded into, before TorchSharp reads it: TorchSharp allocates a momentum buffer of whatever rank and shape the
/// payload claims. The format (TorchSharp 0.107): the optimiser's type name (a .NET string), varint counts of its
/// parameter groups and of its parameters, per group its settings (five doubles and two booleans), then per parameter
/// whether it has a momentum buffer and, if so, the buffer (<see cref="PayloadReader.Tensor"/>).
/// </summary>
internal static class OptimizerStatePayload
{
    private const int GroupSettingsDoubles = 5;
    private const int MaxTypeNameBytes = 64;

    /// <summary>
    /// How <paramref name="payload"/> does not fit <paramref name="optimizer"/> (one line, for a message), or null when
    /// it holds the settings of each of its groups and, per parameter, no momentum buffer or one of the parameter's shape.
    /// </summary>
    public static string? Mismatch(byte[] payload, SGD optimizer)
    {
        var reader = new PayloadReader(payload);
        string expectedType = optimizer.GetType().Name;
        if (reader.String(MaxTypeNameBytes) is not { } type || type != expectedType)
        {
            return $"it is not the state of a {expectedType} optimiser";
        }

        int groups = optimizer.ParamGroups.Count();
        var parameters = optimizer.parameters().ToList();
        if (reader.Varint() is not { } savedGroups || savedGroups != groups)
        {
            return $"it does not hold {groups} parameter group{(groups == 1 ? "" : "s")}";
        }

        if (reader.Varint() is not { } savedParameters || savedParameters != parameters.Count)
        {
            return $"it holds the state of other parameters than the {parameters.Count} of the network";
        }

        for (int group = 0; group < groups; group++)
        {
            if (!reader.Skip(GroupSettingsDoubles * sizeof(double)) || reader.Boolean() is null || reader.Boolean() is null)
            {
                return $"the settings of parameter group {group} are garbled";
            }
        }
        for (int index = 0; index < parameters.Count; index++)
        {
            Parameter parameter = parameters[index];
            string name = $"momentum buffer {index}";
            if (reader.Boolean() is not { } hasBuffer)
            {
                return $"the state of parameter {index} is garbled";
            }

            if (hasBuffer && reader.Tensor(name, parameter) is { } problem)
            {
                return problem;
            }
        }
        return reader.Remaining == 0 ? null : $"it has {reader.Remaining} bytes after its last buffer";
    }
}
