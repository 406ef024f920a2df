package ml

import (
	"github.com/gomlx/gomlx/core/graph"
)

// probEpsilon clips probabilities away from 0 and 1 before taking logs, as
// Keras does (its backend epsilon is 1e-7).
const probEpsilon = 1e-7

// lossGraph is the mean loss over the batch rows, for predictions out (after
// the last activation), their pre-activation logits, and labels y (same
// shape as out):
//
//	binary_crossentropy      −mean[y·log p + (1−y)·log(1−p)], computed from the
//	                         logits z as mean[max(z,0) − z·y + log(1+e^−|z|)]
//	categorical_crossentropy mean over rows of −Σ_k y_k·log p_k = logsumexp(z) − Σ_k y_k·z_k
//	mse                      mean[(p−y)²]
//	mae                      mean[|p−y|]
//
// The logit forms are exact rewrites that do not overflow.
func lossGraph(loss, lastActivation string, out, logits, y *graph.Node) *graph.Node {
	switch loss {
	case BinaryCrossEntropy:
		if lastActivation == Sigmoid {
			z := logits
			return graph.ReduceAllMean(graph.Add(
				graph.Sub(graph.Max(z, graph.ZerosLike(z)), graph.Mul(z, y)),
				graph.Log1p(graph.Exp(graph.Neg(graph.Abs(z))))))
		}
		p := graph.ClipScalar(out, probEpsilon, 1-probEpsilon)
		one := graph.OnesLike(p)
		return graph.Neg(graph.ReduceAllMean(graph.Add(
			graph.Mul(y, graph.Log(p)),
			graph.Mul(graph.Sub(one, y), graph.Log(graph.Sub(one, p))))))
	case CategoricalCrossEntropy:
		if lastActivation == Softmax {
			z := logits
			zmax := graph.StopGradient(graph.ReduceAndKeep(z, graph.ReduceMax, -1))
			lse := graph.Add(graph.Log(graph.ReduceSum(graph.Exp(graph.Sub(z, zmax)), -1)), graph.Squeeze(zmax, -1))
			return graph.ReduceAllMean(graph.Sub(lse, graph.ReduceSum(graph.Mul(y, z), -1)))
		}
		p := graph.ClipScalar(out, probEpsilon, 1-probEpsilon)
		return graph.Neg(graph.ReduceAllMean(graph.ReduceSum(graph.Mul(y, graph.Log(p)), -1)))
	case MAE:
		return graph.ReduceAllMean(graph.Abs(graph.Sub(out, y)))
	default: // MSE
		d := graph.Sub(out, y)
		return graph.ReduceAllMean(graph.Mul(d, d))
	}
}
