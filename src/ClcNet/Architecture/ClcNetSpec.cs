// Shared with the source generator (generators/ClcNet.Generators compiles this file too):
// keep it netstandard2.0-compatible and free of TorchSharp.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace ClcNet;

/// <summary>
/// What a clcNet(a, b, c, d) network is: stage depths, classes, input and group sizes
/// (docs/clcnet.md#block and docs/clcnet.md#network-table). A plain value, equal to another with the same fields: build one
/// (or change one with <c>spec with { Classes = 10 }</c>), then <see cref="Validate"/> it or ask for its
/// <see cref="FindProblems"/>.
/// </summary>
public readonly record struct ClcNetSpec
{
    /// <summary>Names of the depth parameters, as the constructor, <see cref="SpecProblem.Parameter"/> and the attribute call them.</summary>
    internal static readonly string[] DepthParameterNames = { "a", "b", "c", "d" };

    /// <summary>
    /// The most memory the parameters of a spec may need: 1 GiB, 268,435,456 float32 parameters (clcNet-B needs
    /// 16 MiB). A model file holds its weights in one buffer of at most 2 GiB and training keeps gradients and
    /// momentum beside the weights, so a larger network could neither be saved nor trained on most machines.
    /// </summary>
    public const long MaxParameterBytes = 1L << 30;

    /// <summary>
    /// The most memory the largest feature map of one image (the input image included) may need: 1 GiB of
    /// float32 values, which admits inputs up to 4096x4096 at stem stride 2 (224x224 needs 3 MiB).
    /// </summary>
    public const long MaxFeatureMapBytes = 1L << 30;

    /// <summary>clcNet-A = (1, 1, 5, 2), ImageNet top-1 70.4%.</summary>
    public static ClcNetSpec A => new ClcNetSpec(1, 1, 5, 2);

    /// <summary>clcNet-B = (1, 1, 7, 3), ImageNet top-1 71.6%.</summary>
    public static ClcNetSpec B => new ClcNetSpec(1, 1, 7, 3);

    /// <summary>Creates a spec; nothing is checked until <see cref="Validate"/> or <see cref="FindProblems"/>.</summary>
    /// <param name="a">Extra blocks in stage 1 (128 channels).</param>
    /// <param name="b">Extra blocks in stage 2 (256 channels).</param>
    /// <param name="c">Extra blocks in stage 3 (512 channels).</param>
    /// <param name="d">Extra blocks in stage 4 (1024 channels).</param>
    /// <param name="classes">Outputs of the classifier.</param>
    /// <param name="inputChannels">Channels of the input image (3 for RGB, 1 for grayscale).</param>
    /// <param name="inputSize">Side of the square input image.</param>
    /// <param name="stemStride">Stride of the stem convolution.</param>
    /// <param name="groupSize3x3">Channels per group of every 3x3 convolution.</param>
    /// <param name="pointwiseGroups">Groups of every 1x1 convolution.</param>
    public ClcNetSpec(int a, int b, int c, int d, int classes = 1000, int inputChannels = 3,
        int inputSize = 224, int stemStride = 2, int groupSize3x3 = 2, int pointwiseGroups = 2)
    {
        DepthA = a;
        DepthB = b;
        DepthC = c;
        DepthD = d;
        Classes = classes;
        InputChannels = inputChannels;
        InputSize = inputSize;
        StemStride = stemStride;
        GroupSize3x3 = groupSize3x3;
        PointwiseGroups = pointwiseGroups;
    }

    // The paper calls the depths a, b, c, d; the static A and B are the named networks.
    /// <summary>The paper's <c>a</c>: extra blocks in stage 1.</summary>
    public int DepthA { get; init; }

    /// <summary>The paper's <c>b</c>: extra blocks in stage 2.</summary>
    public int DepthB { get; init; }

    /// <summary>The paper's <c>c</c>: extra blocks in stage 3.</summary>
    public int DepthC { get; init; }

    /// <summary>The paper's <c>d</c>: extra blocks in stage 4.</summary>
    public int DepthD { get; init; }

    /// <summary>Outputs of the classifier (default 1000).</summary>
    public int Classes { get; init; }

    /// <summary>Input image channels (default 3).</summary>
    public int InputChannels { get; init; }

    /// <summary>Side of the square input (default 224).</summary>
    public int InputSize { get; init; }

    /// <summary>Stride of the stem convolution (default 2).</summary>
    public int StemStride { get; init; }

    /// <summary>Channels per group of each 3x3 convolution (default 2).</summary>
    public int GroupSize3x3 { get; init; }

    /// <summary>Groups of each 1x1 convolution (default 2).</summary>
    public int PointwiseGroups { get; init; }

    /// <summary>Extra blocks of stages 1 to 4, i.e. (a, b, c, d).</summary>
    public IReadOnlyList<int> ExtraBlocks => new[] { DepthA, DepthB, DepthC, DepthD };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first broken rule; warnings do not throw.</summary>
    public void Validate()
    {
        SpecProblem? error = FirstError();
        if (error != null)
        {
            throw new ArgumentException(error.Message, error.Parameter);
        }
    }

    /// <summary>The first broken rule that is an error (not a warning), or null when the spec can be built.</summary>
    public SpecProblem? FirstError()
    {
        foreach (SpecProblem problem in FindProblems())
        {
            if (!problem.IsWarning)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>
    /// Every broken rule (errors and warnings), in the order the parameters are declared; the memory bounds
    /// (<see cref="MaxParameterBytes"/>, <see cref="MaxFeatureMapBytes"/>) are checked last, only for a spec that
    /// breaks no other rule, and cost the same for any depth.
    /// </summary>
    public IReadOnlyList<SpecProblem> FindProblems()
    {
        var problems = new List<SpecProblem>();
        IReadOnlyList<int> depths = ExtraBlocks;
        for (int stage = 0; stage < depths.Count; stage++)
        {
            if (depths[stage] < 0)
            {
                problems.Add(new SpecProblem(SpecRule.NegativeStageCount, DepthParameterNames[stage],
                    $"stage count {DepthParameterNames[stage]} = {depths[stage]} is negative: use 0 or more extra blocks for stage {stage + 1}"));
            }
        }
        if (Classes < 1)
        {
            problems.Add(new SpecProblem(SpecRule.TooFewClasses, nameof(Classes),
                $"Classes = {Classes}: a classifier needs at least 1 class"));
        }
        if (InputChannels < 1)
        {
            problems.Add(new SpecProblem(SpecRule.TooFewInputChannels, nameof(InputChannels),
                $"InputChannels = {InputChannels}: use 3 for RGB or 1 for grayscale input"));
        }
        if (StemStride < 1)
        {
            problems.Add(new SpecProblem(SpecRule.InvalidStemStride, nameof(StemStride),
                $"StemStride = {StemStride}: the stem stride must be 1 or more (2 for 224x224 input)"));
        }
        else
        {
            AddInputSizeProblem(problems);
        }
        AddGroupProblems(problems);
        if (problems.TrueForAll(problem => problem.IsWarning))
        {
            AddMemoryProblems(problems);
        }
        return problems;
    }

    private void AddInputSizeProblem(List<SpecProblem> problems)
    {
        string? tooSmallAt = FirstStrideWithoutRoom(InputSize, StemStride);
        if (tooSmallAt == null)
        {
            return;
        }
        long smallest = SmallestInputSize(StemStride);
        string alternative = StemStride > 1 ? " or StemStride = 1" : "";
        problems.Add(new SpecProblem(SpecRule.InputTooSmall, nameof(InputSize),
            $"InputSize = {InputSize} is too small for the network's strides ({tooSmallAt} would see less than its stride): use InputSize >= {smallest}{alternative}"));
    }

    /// <summary>
    /// The smallest input side for which every strided layer sees at least its stride: working back from the
    /// last stage, a layer of stride s whose output must be at least n needs an input of at least (n - 1) s + 1.
    /// A long, since a huge stem stride needs an input beyond int.
    /// </summary>
    private static long SmallestInputSize(int stemStride)
    {
        long size = 1;
        for (int stage = LayerPlan.StageCount - 1; stage >= 0; stage--)
        {
            size = Math.Max(LayerPlan.StageStride(stage), (size - 1) * LayerPlan.StageStride(stage) + 1);
        }
        return Math.Max(stemStride, (size - 1) * stemStride + 1);
    }

    /// <summary>The first strided layer whose input is smaller than its stride, or null.</summary>
    private static string? FirstStrideWithoutRoom(int inputSize, int stemStride)
    {
        if (inputSize < stemStride || inputSize < 1)
        {
            return "stem.conv";
        }
        int size = LayerPlan.ConvolutionOutputSize(inputSize, stemStride);
        for (int stage = 1; stage < LayerPlan.StageCount; stage++)
        {
            if (size < LayerPlan.StageStride(stage))
            {
                return $"stage{stage}.block0";
            }
            size = LayerPlan.ConvolutionOutputSize(size, LayerPlan.StageStride(stage));
        }
        return null;
    }

    private void AddGroupProblems(List<SpecProblem> problems)
    {
        if (GroupSize3x3 < 1)
        {
            problems.Add(new SpecProblem(SpecRule.GroupSizeDoesNotDivide, nameof(GroupSize3x3),
                $"GroupSize3x3 = {GroupSize3x3}: a 3x3 group needs at least 1 channel (the paper uses 2)"));
        }
        if (PointwiseGroups < 1)
        {
            problems.Add(new SpecProblem(SpecRule.PointwiseGroupsDoNotDivide, nameof(PointwiseGroups),
                $"PointwiseGroups = {PointwiseGroups}: a 1x1 convolution needs at least 1 group (the paper uses 2)"));
        }
        if (GroupSize3x3 < 1 || PointwiseGroups < 1)
        {
            return;
        }
        bool reported3x3 = false, reported1x1 = false;
        for (int stage = 0; stage < LayerPlan.StageCount; stage++)
        {
            int inChannels = LayerPlan.StageInputChannels(stage);
            int outChannels = LayerPlan.StageOutputChannels(stage);
            if (!reported3x3 && inChannels % GroupSize3x3 != 0)
            {
                reported3x3 = true;
                problems.Add(new SpecProblem(SpecRule.GroupSizeDoesNotDivide, nameof(GroupSize3x3),
                    $"GroupSize3x3 = {GroupSize3x3} does not divide the {inChannels} input channels of stage{stage}.block0.conv3x3: use a divisor of 32 such as 2"));
            }
            if (!reported1x1 && (inChannels % PointwiseGroups != 0 || outChannels % PointwiseGroups != 0))
            {
                reported1x1 = true;
                problems.Add(new SpecProblem(SpecRule.PointwiseGroupsDoNotDivide, nameof(PointwiseGroups),
                    $"PointwiseGroups = {PointwiseGroups} does not divide the {inChannels} -> {outChannels} channels of stage{stage}.block0.conv1x1: use a divisor of 32 such as 2"));
            }
        }
        if (!reported3x3 && !reported1x1 && GroupSize3x3 % PointwiseGroups != 0)
        {
            problems.Add(new SpecProblem(SpecRule.BrokenConnectivity, nameof(PointwiseGroups),
                $"PointwiseGroups = {PointwiseGroups} does not divide GroupSize3x3 = {GroupSize3x3}, so some outputs of each block never see some inputs (no full channel connectivity): make PointwiseGroups a divisor of GroupSize3x3",
                isWarning: true));
        }
    }

    private void AddMemoryProblems(List<SpecProblem> problems)
    {
        IReadOnlyList<KeyValuePair<string, long>> shares = LayerPlan.ParameterShares(this);
        long parameters = 0;
        KeyValuePair<string, long> largestShare = shares[0];
        foreach (KeyValuePair<string, long> share in shares)
        {
            parameters += share.Value;
            if (share.Key.Length > 0 && share.Value > largestShare.Value)
            {
                largestShare = share;
            }
        }
        if (parameters * sizeof(float) > MaxParameterBytes)
        {
            string fix = largestShare.Key == nameof(Classes) ? "use fewer classes"
                : largestShare.Key == nameof(InputChannels) ? "use fewer input channels"
                : "use fewer extra blocks";
            problems.Add(new SpecProblem(SpecRule.TooManyParameters, largestShare.Key, Invariant(
                $"{largestShare.Key} = {Field(largestShare.Key)} makes the network need {Gibibytes(parameters * (double)sizeof(float))} of parameters ({parameters:N0} float32 values), more than the limit of {Gibibytes(MaxParameterBytes)} ({MaxParameterBytes / sizeof(float):N0} parameters): {fix}")));
        }

        KeyValuePair<string, double> largestMap = LayerPlan.LargestFeatureMap(this);
        if (largestMap.Value * sizeof(float) > MaxFeatureMapBytes)
        {
            long largestFitting = LargestFittingInputSize();
            bool inputSizeHelps = largestFitting >= SmallestInputSize(StemStride);
            problems.Add(new SpecProblem(SpecRule.FeatureMapTooLarge, inputSizeHelps ? nameof(InputSize) : nameof(InputChannels), Invariant(
                $"InputSize = {InputSize} with InputChannels = {InputChannels} makes one image's largest feature map ({largestMap.Key}) need {Gibibytes(largestMap.Value * sizeof(float))}, more than the limit of {Gibibytes(MaxFeatureMapBytes)}: ") +
                (inputSizeHelps ? Invariant($"use InputSize <= {largestFitting}") : "use fewer input channels")));
        }
    }

    /// <summary>The largest input side whose feature maps fit <see cref="MaxFeatureMapBytes"/> (0 if none), by bisection.</summary>
    private long LargestFittingInputSize()
    {
        long fits = 0, tooLarge = (long)InputSize + 1;
        while (tooLarge - fits > 1)
        {
            long middle = fits + (tooLarge - fits) / 2;
            ClcNetSpec candidate = this with { InputSize = (int)middle };
            if (LayerPlan.LargestFeatureMap(candidate).Value * sizeof(float) <= MaxFeatureMapBytes)
            {
                fits = middle;
            }
            else
            {
                tooLarge = middle;
            }
        }
        return fits;
    }

    private int Field(string parameter)
    {
        int depth = Array.IndexOf(DepthParameterNames, parameter);
        return depth >= 0 ? ExtraBlocks[depth] : parameter == nameof(Classes) ? Classes : InputChannels;
    }

    private static string Gibibytes(double bytes) => bytes >= 1L << 30
        ? Invariant($"{bytes / (1L << 30):#,0.##} GiB")
        : Invariant($"{bytes / (1L << 20):0.##} MiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The spec as C# would write it, e.g. <c>clcNet(1, 1, 5, 2, Classes = 10)</c>; defaults are left out.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder($"clcNet({DepthA}, {DepthB}, {DepthC}, {DepthD}");
        void Add(string name, int value, int defaultValue)
        {
            if (value != defaultValue)
            {
                text.Append($", {name} = {value}");
            }
        }
        var defaults = new ClcNetSpec(DepthA, DepthB, DepthC, DepthD);
        Add(nameof(Classes), Classes, defaults.Classes);
        Add(nameof(InputChannels), InputChannels, defaults.InputChannels);
        Add(nameof(InputSize), InputSize, defaults.InputSize);
        Add(nameof(StemStride), StemStride, defaults.StemStride);
        Add(nameof(GroupSize3x3), GroupSize3x3, defaults.GroupSize3x3);
        Add(nameof(PointwiseGroups), PointwiseGroups, defaults.PointwiseGroups);
        return text.Append(')').ToString();
    }
}
