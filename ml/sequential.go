package ml

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train/optimizer"
)

// Loss names accepted by Compile.
const (
	BinaryCrossEntropy      = "binary_crossentropy"
	CategoricalCrossEntropy = "categorical_crossentropy"
	MSE                     = "mse"
	MAE                     = "mae"
)

// CompileOptions configures training, like Keras' model.compile.
// The zero value is completed by Compile: optimizer "adam", its Keras default
// learning rate (0.001 for adam, 0.01 for sgd), the loss that matches the last
// activation (sigmoid → binary cross-entropy, softmax → categorical
// cross-entropy, otherwise mse), and the task's default metrics.
type CompileOptions struct {
	Optimizer    string   `json:"optimizer"`     // "adam" or "sgd" (plain SGD, no decay)
	LearningRate float64  `json:"learning_rate"` // step size
	Loss         string   `json:"loss"`          // binary_crossentropy, categorical_crossentropy, mse, mae
	Metrics      []string `json:"metrics"`       // reported by Fit; Evaluate always reports all of the task's metrics
	// Backend is the GoMLX backend ("go", "xla:cpu", …); empty means
	// $GOMLX_BACKEND or the default rule of BackendInfo.
	Backend string `json:"-"`
}

// Sequential is a stack of layers trained by back-propagation on GoMLX, like
// Keras' Sequential: build it with NewSequential, Compile, Fit, then Evaluate
// and Predict. Weights are float32 on the chosen backend.
//
// Predict and Gradient take encoded feature rows and are safe for concurrent
// use; they batch rows into a few fixed sizes so that the backend compiles
// each graph once per size.
type Sequential struct {
	layers   []Layer
	opts     CompileOptions
	compiled bool
	inputDim int

	mu      sync.Mutex // serialises all use of store and the executors
	backend compute.Backend
	store   *model.Store // nil until weights exist (first Fit or a load)
	optim   optimizer.Interface
	train   *model.Exec
	predict *model.Exec
	grad    *model.Exec

	featureNames, outputNames []string // see SetNames

	// pureGo is set when the backend is the pure-Go one: Predict then runs
	// net, the weights as plain slices (native.go), rebuilt after they change.
	pureGo bool
	net    *nativeNet

	// pruned holds, per dense layer index, which kernel weights Prune keeps
	// (true) while it fine-tunes; the training step sets the others back to
	// zero after every optimiser step (keepPruned). nil otherwise.
	pruned map[int][]bool
}

// NewSequential returns a model made of layers, in order.
func NewSequential(layers ...Layer) *Sequential {
	return &Sequential{layers: append([]Layer(nil), layers...)}
}

// Add appends a layer. The model must be compiled again, and weights it had
// are dropped: the next Fit starts from fresh ones.
func (m *Sequential) Add(l Layer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.layers = append(m.layers, l)
	m.compiled = false
	m.resetExecs()
	m.store = nil
}

// Layers returns a copy of the model's layers.
func (m *Sequential) Layers() []Layer { return append([]Layer(nil), m.layers...) }

// Options returns the compile options in effect (defaults filled in).
func (m *Sequential) Options() CompileOptions { return m.opts }

// InputDim is the number of input features.
func (m *Sequential) InputDim() int { return m.inputDim }

// OutputDim is the number of outputs: units of the last dense layer.
func (m *Sequential) OutputDim() int {
	for i := len(m.layers) - 1; i >= 0; i-- {
		if m.layers[i].Kind == "dense" {
			return m.layers[i].Units
		}
	}
	return 0
}

// Task is what the compiled loss implies: TaskBinary, TaskMulticlass or TaskRegression.
func (m *Sequential) Task() Task { return taskOfLoss(m.opts.Loss) }

// lastActivation is the activation of the last dense layer.
func (m *Sequential) lastActivation() string {
	for i := len(m.layers) - 1; i >= 0; i-- {
		if m.layers[i].Kind == "dense" {
			return m.layers[i].Activation
		}
	}
	return ""
}

// Compile validates the layers and sets the training configuration.
func (m *Sequential) Compile(opts CompileOptions) error {
	if len(m.layers) == 0 {
		return errors.New("ml: Compile: the model has no layers")
	}
	for i, l := range m.layers {
		if err := l.validate(i); err != nil {
			return err
		}
	}
	first := -1
	for i, l := range m.layers {
		if l.Kind == "dense" {
			first = i
			break
		}
	}
	if first < 0 {
		return errors.New("ml: Compile: the model needs at least one dense layer")
	}
	if m.layers[first].InputDim <= 0 {
		return fmt.Errorf("ml: Compile: the first dense layer (layer %d) needs its input dimension: Dense(units, activation, inputDim)", first)
	}
	m.inputDim = m.layers[first].InputDim
	if opts.Optimizer == "" {
		opts.Optimizer = "adam"
	}
	switch opts.Optimizer {
	case "adam", "sgd":
	default:
		return fmt.Errorf("ml: Compile: unknown optimizer %q (want adam or sgd)", opts.Optimizer)
	}
	if opts.LearningRate == 0 {
		opts.LearningRate = map[string]float64{"adam": 0.001, "sgd": 0.01}[opts.Optimizer]
	}
	if !(opts.LearningRate > 0) {
		return fmt.Errorf("ml: Compile: learning rate must be positive, got %v", opts.LearningRate)
	}
	last := m.lastActivation()
	if opts.Loss == "" {
		switch last {
		case Sigmoid:
			opts.Loss = BinaryCrossEntropy
		case Softmax:
			opts.Loss = CategoricalCrossEntropy
		default:
			opts.Loss = MSE
		}
	}
	switch opts.Loss {
	case BinaryCrossEntropy:
		if last != Sigmoid {
			return fmt.Errorf("ml: Compile: loss %s needs a sigmoid output layer, the last dense layer has %q", opts.Loss, last)
		}
	case CategoricalCrossEntropy:
		if last != Softmax {
			return fmt.Errorf("ml: Compile: loss %s needs a softmax output layer, the last dense layer has %q", opts.Loss, last)
		}
	case MSE, MAE:
	default:
		return fmt.Errorf("ml: Compile: unknown loss %q (want binary_crossentropy, categorical_crossentropy, mse or mae)", opts.Loss)
	}
	task := taskOfLoss(opts.Loss)
	if task != TaskRegression {
		for i := len(m.layers) - 1; i >= 0 && m.layers[i].Kind != "dense"; i-- {
			if m.layers[i].Kind == "rescaling" {
				return fmt.Errorf("ml: Compile: layer %d rescales the %s output; cross-entropy needs probabilities", i, last)
			}
		}
	}
	if len(opts.Metrics) == 0 {
		opts.Metrics = task.metricNames()
	}
	for _, name := range opts.Metrics {
		if !task.hasMetric(name) {
			return fmt.Errorf("ml: Compile: metric %q does not apply to %s (use %v)", name, task, task.metricNames())
		}
	}
	be, info, err := openBackend(opts.Backend)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.opts, m.backend, m.compiled = opts, be, true
	m.pureGo = info.Config == "go" || strings.HasPrefix(info.Config, "go:")
	m.resetExecs()
	return nil
}

// resetExecs drops compiled graphs; the next call rebuilds them.
func (m *Sequential) resetExecs() {
	for _, e := range []*model.Exec{m.train, m.predict, m.grad} {
		if e != nil {
			e.Finalize()
		}
	}
	m.train, m.predict, m.grad, m.optim = nil, nil, nil, nil
	m.net = nil
}

func kernelPath(i int) string { return fmt.Sprintf("/layer_%d/kernel", i) }
func biasPath(i int) string   { return fmt.Sprintf("/layer_%d/bias", i) }

// LayerWeights are the weights of one dense layer: Kernel is inputs × units
// (row-major), Bias has units entries.
type LayerWeights struct {
	Layer  int       `json:"layer"`
	Inputs int       `json:"inputs"`
	Units  int       `json:"units"`
	Kernel []float32 `json:"kernel"`
	Bias   []float32 `json:"bias"`
}

// initWeights creates the variables with Glorot-uniform kernels and zero
// biases drawn from seed, and seeds the dropout random stream. Caller holds mu.
func (m *Sequential) initWeights(seed int64) error {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	var ws []LayerWeights
	in := m.inputDim
	for i, l := range m.layers {
		if l.Kind != "dense" {
			continue
		}
		ws = append(ws, LayerWeights{Layer: i, Inputs: in, Units: l.Units,
			Kernel: glorotUniform(rng, in, l.Units), Bias: make([]float32, l.Units)})
		in = l.Units
	}
	return m.setWeights(ws, seed)
}

// setWeights replaces the model's store with one holding ws. Caller holds mu.
func (m *Sequential) setWeights(ws []LayerWeights, seed int64) error {
	in := m.inputDim
	byLayer := map[int]LayerWeights{}
	for _, w := range ws {
		byLayer[w.Layer] = w
	}
	store := model.NewStore()
	for i, l := range m.layers {
		if l.Kind != "dense" {
			continue
		}
		w, ok := byLayer[i]
		if !ok {
			return fmt.Errorf("ml: weights for layer %d (dense %d) are missing", i, l.Units)
		}
		if w.Inputs != in || w.Units != l.Units || len(w.Kernel) != in*l.Units || len(w.Bias) != l.Units {
			return fmt.Errorf("ml: weights for layer %d have shape %d×%d (%d kernel, %d bias values), the layer needs %d×%d",
				i, w.Inputs, w.Units, len(w.Kernel), len(w.Bias), in, l.Units)
		}
		if _, err := store.CreateVariable(kernelPath(i), tensors.FromFlatDataAndDimensions(append([]float32(nil), w.Kernel...), in, l.Units)); err != nil {
			return err
		}
		if _, err := store.CreateVariable(biasPath(i), tensors.FromFlatDataAndDimensions(append([]float32(nil), w.Bias...), l.Units)); err != nil {
			return err
		}
		in = l.Units
	}
	if err := store.SetRNGStateFromSeed(seed); err != nil {
		return err
	}
	m.resetExecs()
	m.store = store
	return nil
}

// Weights returns a copy of the dense layers' weights, in layer order, or nil
// before the model has weights.
func (m *Sequential) Weights() ([]LayerWeights, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.weights()
}

func (m *Sequential) weights() ([]LayerWeights, error) {
	if m.store == nil {
		return nil, nil
	}
	var ws []LayerWeights
	in := m.inputDim
	for i, l := range m.layers {
		if l.Kind != "dense" {
			continue
		}
		k, err := variableData(m.store, kernelPath(i))
		if err != nil {
			return nil, err
		}
		b, err := variableData(m.store, biasPath(i))
		if err != nil {
			return nil, err
		}
		ws = append(ws, LayerWeights{Layer: i, Inputs: in, Units: l.Units, Kernel: k, Bias: b})
		in = l.Units
	}
	return ws, nil
}

func variableData(store *model.Store, path string) ([]float32, error) {
	v := store.GetVariable(path)
	if v == nil {
		return nil, fmt.Errorf("ml: variable %s is missing", path)
	}
	t, err := v.Value()
	if err != nil {
		return nil, fmt.Errorf("ml: reading %s: %w", path, err)
	}
	return tensors.CopyFlatData[float32](t)
}

// forward builds the model's graph on x (rows × inputs). It returns the
// outputs and the last dense layer's pre-activation z (the logits).
func (m *Sequential) forward(scope *model.Scope, x *graph.Node, training bool) (out, logits *graph.Node) {
	g := x.Graph()
	h := x
	for i, l := range m.layers {
		switch l.Kind {
		case "dense":
			w := m.store.GetVariable(kernelPath(i)).NodeValue(g)
			b := m.store.GetVariable(biasPath(i)).NodeValue(g)
			logits = graph.Add(graph.MatMul(h, w), graph.InsertAxes(b, 0))
			h = activate(logits, l.Activation)
		case "rescaling":
			h = graph.AddScalar(graph.MulScalar(h, l.Scale), l.Offset)
		case "dropout":
			if !training || l.Rate == 0 {
				continue
			}
			keep := graph.GreaterThan(scope.RandomUniform(g, h.Shape()), graph.Scalar(g, h.DType(), l.Rate))
			h = graph.Where(keep, graph.DivScalar(h, 1-l.Rate), graph.ZerosLike(h))
		}
	}
	return h, logits
}

// trainStepGraph is one optimisation step on a batch; it returns the batch loss.
func (m *Sequential) trainStepGraph(scope *model.Scope, x, y *graph.Node) *graph.Node {
	out, logits := m.forward(scope, x, true)
	loss := lossGraph(m.opts.Loss, m.lastActivation(), out, logits, y)
	m.optim.UpdateGraph(scope, x.Graph(), loss)
	m.keepPruned(x.Graph())
	return loss
}

// newOptimizer builds the configured optimizer.
func (m *Sequential) newOptimizer() optimizer.Interface {
	if m.opts.Optimizer == "sgd" {
		return optimizer.StochasticGradientDescent().WithDecay(false).WithLearningRate(m.opts.LearningRate).Done()
	}
	return optimizer.Adam().LearningRate(m.opts.LearningRate).Epsilon(1e-7).Done()
}
